package dev.idp.kernel.ids;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** UUID parsing that accepts only the canonical 8-4-4-4-12 form ({@link UUID#fromString} accepts "1-1-1-1-1"). */
public final class Uuids {

    private static final Pattern CANONICAL =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Uuids() {}

    public static boolean isCanonical(String text) {
        return text != null && CANONICAL.matcher(text).matches();
    }

    public static UUID parseStrict(String text) {
        if (!isCanonical(text)) {
            throw new IllegalArgumentException("not a UUID: " + text);
        }
        return UUID.fromString(text.toLowerCase(Locale.ROOT));
    }
}
