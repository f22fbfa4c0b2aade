package dev.idp.emulator.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Azure's storage accounts, as ARM documents, with their recent history so that Resource Graph can see the state of a
 * moment ago. Account names are global across subscriptions, as in Azure; lookups ignore case as ARM does.
 *
 * <p>One lock guards everything: writes are rare next to reads, and a consistent view is worth more than contention.
 */
final class StorageAccountStore {

    /** One state of an account from {@code at}; a null document means deleted. */
    private record Version(Instant at, ObjectNode document) {}

    private static final int HISTORY_KEPT = 16;

    private final Map<String, List<Version>> byName = new HashMap<>();

    /** The live document (ARM's view), or empty. */
    synchronized Optional<ObjectNode> get(String name) {
        List<Version> versions = byName.get(key(name));
        if (versions == null) {
            return Optional.empty();
        }
        ObjectNode latest = versions.get(versions.size() - 1).document();
        return Optional.ofNullable(latest == null ? null : latest.deepCopy());
    }

    /** Stores a new state (or a deletion, with null) as of {@code at}. */
    synchronized void put(String name, ObjectNode document, Instant at) {
        List<Version> versions = byName.computeIfAbsent(key(name), k -> new ArrayList<>(2));
        versions.add(new Version(at, document == null ? null : document.deepCopy()));
        if (versions.size() > HISTORY_KEPT) {
            versions.subList(0, versions.size() - HISTORY_KEPT).clear();
        }
    }

    /** Every live account now (ARM), or as of a moment ago (Resource Graph with lag). */
    synchronized List<ObjectNode> all(Instant asOf) {
        List<ObjectNode> result = new ArrayList<>(byName.size());
        for (List<Version> versions : byName.values()) {
            ObjectNode seen = null;
            for (Version v : versions) {
                if (!v.at().isAfter(asOf)) {
                    seen = v.document();
                }
            }
            if (seen != null) {
                result.add(seen);
            }
        }
        return result;
    }

    synchronized Collection<ObjectNode> live() {
        List<ObjectNode> result = new ArrayList<>();
        byName.values().forEach(v -> {
            ObjectNode latest = v.get(v.size() - 1).document();
            if (latest != null) {
                result.add(latest.deepCopy());
            }
        });
        return result;
    }

    synchronized void clear() {
        byName.clear();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
