package dev.idp.kernel.ids;

import java.util.Objects;
import java.util.UUID;

/**
 * The platform's stable identity of one storage account, from its submission until its history ends. It never changes,
 * not when the account's spec changes, not across a disaster recovery.
 */
public record ResourceId(UUID value) {

    public ResourceId {
        Objects.requireNonNull(value, "value");
    }

    public static ResourceId random() {
        return new ResourceId(UUID.randomUUID());
    }

    /** Parses the canonical UUID form; throws {@link IllegalArgumentException} for anything else. */
    public static ResourceId parse(String text) {
        return new ResourceId(Uuids.parseStrict(text));
    }

    /** The canonical UUID string: Axon uses it as the aggregate identifier. */
    @Override
    public String toString() {
        return value.toString();
    }
}
