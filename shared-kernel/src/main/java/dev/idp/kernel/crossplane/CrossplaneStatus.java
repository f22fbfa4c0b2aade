package dev.idp.kernel.crossplane;

/**
 * The {@code Synced} and {@code Ready} conditions of a managed resource (null status: not reported yet), and the
 * generation of the MR's spec they were observed for ({@code observedGeneration}, null where Crossplane does not report
 * it), so that a Ready reported for an older spec does not complete a change.
 */
public record CrossplaneStatus(
        String synced,
        String syncedReason,
        String syncedMessage,
        String ready,
        String readyReason,
        String readyMessage,
        Long observedGeneration) {

    public CrossplaneStatus(
            String synced,
            String syncedReason,
            String syncedMessage,
            String ready,
            String readyReason,
            String readyMessage) {
        this(synced, syncedReason, syncedMessage, ready, readyReason, readyMessage, null);
    }

    public boolean readyAndSynced() {
        return "True".equals(ready) && "True".equals(synced);
    }

    /** Ready for the given spec generation (or any, when either side does not know generations). */
    public boolean isReadyFor(Long generation) {
        return readyAndSynced()
                && (generation == null || observedGeneration == null || observedGeneration >= generation);
    }
}
