package dev.idp.command.provisioning;

import dev.idp.kernel.ids.ResourceId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link AccountNames} for aggregate fixtures; the JDBC one is tested over HTTP on PostgreSQL, racing included. */
final class InMemoryAccountNames implements AccountNames {

    private final Map<String, ResourceId> holders = new ConcurrentHashMap<>();

    @Override
    public Optional<ResourceId> reserve(String name, ResourceId resourceId) {
        ResourceId holder = holders.putIfAbsent(name, resourceId);
        return holder == null || holder.equals(resourceId) ? Optional.empty() : Optional.of(holder);
    }
}
