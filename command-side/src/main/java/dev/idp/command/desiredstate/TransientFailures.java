package dev.idp.command.desiredstate;

import com.azure.core.exception.HttpResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/** Tells failures that may go away by themselves (worth retrying) from those that will not. */
final class TransientFailures {

    private TransientFailures() {}

    /**
     * A failure is transient when its cause chain shows an I/O error, a timeout, or an HTTP answer of 408, 429 or 5xx.
     * Conflicts, invalid arguments and other 4xx answers are not: the same request would fail the same way. The first
     * HTTP answer in the chain decides, since it is the most precise statement of what went wrong.
     */
    static boolean isTransient(Throwable failure) {
        if (failure instanceof ConcurrentDocumentUpdateException || failure instanceof IllegalArgumentException) {
            return false;
        }
        boolean ioOrTimeout = false;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof HttpResponseException http && http.getResponse() != null) {
                return isTransientStatus(http.getResponse().getStatusCode());
            }
            if (t instanceof IOException || t instanceof UncheckedIOException || isTimeout(t)) {
                ioOrTimeout = true;
            }
        }
        return ioOrTimeout;
    }

    static boolean isTransientStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** Covers {@link TimeoutException} and the unchecked timeouts of Netty and Reactor without depending on them. */
    private static boolean isTimeout(Throwable t) {
        return t instanceof TimeoutException || t.getClass().getSimpleName().endsWith("TimeoutException");
    }
}
