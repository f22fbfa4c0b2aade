package dev.idp.command.provisioning;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import java.util.Optional;

/**
 * Which request IDs have been accepted, and for what. Written in the same transaction as the request's events, so a
 * request is either recorded with its events or not at all.
 */
public interface RequestLedger {

    enum RequestType {
        SUBMIT,
        CHANGE_SPEC
    }

    /** An accepted request. */
    record Entry(RequestId requestId, RequestType type, ResourceId resourceId, String fingerprint) {

        /** Whether a request with this type, resource and fingerprint repeats this entry's request. */
        boolean sameRequestAs(RequestType otherType, ResourceId otherResource, String otherFingerprint) {
            return type == otherType
                    && fingerprint.equals(otherFingerprint)
                    && (otherResource == null || resourceId.equals(otherResource));
        }
    }

    /**
     * Records the request unless its ID is already taken. Concurrent claims of one ID are serialised: the later one
     * waits for the earlier transaction and then sees its entry.
     *
     * @return empty when this call recorded the request; the existing entry when the ID had been used before
     */
    Optional<Entry> claim(Entry entry);
}
