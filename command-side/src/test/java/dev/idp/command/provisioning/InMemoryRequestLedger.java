package dev.idp.command.provisioning;

import dev.idp.kernel.ids.RequestId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link RequestLedger} for aggregate fixtures; the JDBC one is tested over HTTP on PostgreSQL. */
final class InMemoryRequestLedger implements RequestLedger {

    private final Map<RequestId, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<Entry> claim(Entry entry) {
        return Optional.ofNullable(entries.putIfAbsent(entry.requestId(), entry));
    }
}
