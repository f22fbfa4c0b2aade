package dev.idp.emulator.azure.kql;

/** A query outside the supported KQL, with where it went wrong (1-based, as Resource Graph reports it). */
public final class KqlException extends RuntimeException {

    private final int position;

    KqlException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** Character position in the line, 1-based. */
    public int position() {
        return position;
    }
}
