package dev.idp.command.desiredstate;

import java.util.Locale;
import java.util.regex.Pattern;

/** Validates resource ids before they become file or blob names, so that no id can point outside the store. */
final class ResourceIds {

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ResourceIds() {}

    /**
     * Returns the canonical (lower-case) form of a UUID string, so that the same resource always maps to the same name,
     * also on case-insensitive filesystems.
     *
     * @throws IllegalArgumentException if {@code resourceId} is not exactly a UUID in its 8-4-4-4-12 hex form
     */
    static String canonical(String resourceId) {
        if (resourceId == null || !UUID.matcher(resourceId).matches()) {
            throw new IllegalArgumentException("resourceId must be a UUID (8-4-4-4-12 hex digits), got: "
                    + (resourceId == null ? "null" : '"' + abbreviate(resourceId) + '"'));
        }
        return resourceId.toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
