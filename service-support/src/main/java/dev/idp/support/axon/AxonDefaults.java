package dev.idp.support.axon;

/** Process-wide Axon settings that must be in place before Axon starts. */
public final class AxonDefaults {

    private static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    private AxonDefaults() {}

    /**
     * Axon 4.11+ reports anonymous usage data to AxonIQ unless told not to. A service that manages a company's cloud
     * accounts does not call out to third parties on its own; set {@code AXONIQ_UPDATE_CHECKER_DISABLED=false}
     * explicitly to allow it.
     */
    public static void disableUpdateChecker() {
        if (System.getProperty(UPDATE_CHECKER_DISABLED) == null
                && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty(UPDATE_CHECKER_DISABLED, "true");
        }
    }
}
