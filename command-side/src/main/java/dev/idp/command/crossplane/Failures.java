package dev.idp.command.crossplane;

/** What went wrong, said briefly: the innermost cause's message (the Kubernetes client wraps it several times). */
final class Failures {

    private Failures() {}

    static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
