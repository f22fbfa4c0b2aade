package dev.idp.kernel.ids;

import java.util.Objects;
import java.util.UUID;

/**
 * The identity of one request (a submission, a change, a decommission): the portal's workflow id when it sends one, and
 * the idempotency key of that request.
 */
public record RequestId(UUID value) {

    public RequestId {
        Objects.requireNonNull(value, "value");
    }

    public static RequestId random() {
        return new RequestId(UUID.randomUUID());
    }

    /** Parses the canonical UUID form; throws {@link IllegalArgumentException} for anything else. */
    public static RequestId parse(String text) {
        return new RequestId(Uuids.parseStrict(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
