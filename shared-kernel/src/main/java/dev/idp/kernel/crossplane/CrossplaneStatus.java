package dev.idp.kernel.crossplane;

/** The {@code Synced} and {@code Ready} conditions of a managed resource (null status: not reported yet). */
public record CrossplaneStatus(
        String synced,
        String syncedReason,
        String syncedMessage,
        String ready,
        String readyReason,
        String readyMessage) {

    public boolean isReady() {
        return "True".equals(ready) && "True".equals(synced);
    }
}
