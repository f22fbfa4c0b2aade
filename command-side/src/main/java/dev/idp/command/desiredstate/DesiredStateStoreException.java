package dev.idp.command.desiredstate;

/**
 * The storage behind a {@link DesiredStateStore} failed (I/O error, unreachable or refusing service); the cause says
 * how.
 *
 * <p>It exists so that callers see one unchecked type for "the store is broken", whatever the backend. {@link
 * RetryingDesiredStateStore} looks at the cause chain to decide whether a failure is worth retrying.
 */
public class DesiredStateStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DesiredStateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
