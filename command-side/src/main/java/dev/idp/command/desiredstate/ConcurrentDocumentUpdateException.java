package dev.idp.command.desiredstate;

/**
 * The document changed (or appeared, or vanished) since the caller read it, so the write was refused rather than
 * overwrite someone else's update.
 *
 * <p>The caller should read the document again, recompute and write again. It is never retried by {@link
 * RetryingDesiredStateStore}: repeating the same stale write cannot succeed.
 *
 * <p>It can also follow a write of the caller's own whose answer was lost (a timeout after the storage applied it) and
 * which was retried: re-reading resolves that case too.
 */
public class ConcurrentDocumentUpdateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConcurrentDocumentUpdateException(String message) {
        super(message);
    }

    public ConcurrentDocumentUpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
