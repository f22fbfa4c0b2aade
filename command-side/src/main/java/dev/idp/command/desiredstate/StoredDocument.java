package dev.idp.command.desiredstate;

import java.util.Arrays;
import java.util.Objects;

/**
 * A desired-state document as stored, with the version to pass back to {@link DesiredStateStore#write} for an
 * optimistic update.
 *
 * <p>The bytes are copied in and out, so that a caller cannot change a document behind the store's back; equality is
 * by content.
 *
 * @param json the document, UTF-8 JSON as written by the projector
 * @param version opaque; only meaningful to the store that returned it
 */
public record StoredDocument(byte[] json, String version) {

    public StoredDocument {
        json = Objects.requireNonNull(json, "json").clone();
        Objects.requireNonNull(version, "version");
    }

    @Override
    public byte[] json() {
        return json.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredDocument that && Arrays.equals(json, that.json) && version.equals(that.version);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(json) + version.hashCode();
    }

    @Override
    public String toString() {
        return "StoredDocument[version=" + version + ", " + json.length + " bytes]";
    }
}
