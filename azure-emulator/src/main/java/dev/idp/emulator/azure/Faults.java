package dev.idp.emulator.azure;

/**
 * What goes wrong on purpose: Resource Graph lagging behind ARM, slow answers, and 5xx answers at a rate. All zero by
 * default. Field names are the contract's ({@code POST /_emulator/faults}).
 */
public record Faults(
        long resourceGraphLagMillis, long latencyMillis, double armFailureRate, double resourceGraphFailureRate) {

    public static final Faults NONE = new Faults(0, 0, 0, 0);

    public Faults {
        if (resourceGraphLagMillis < 0 || latencyMillis < 0) {
            throw new IllegalArgumentException("resourceGraphLagMillis and latencyMillis cannot be negative");
        }
        if (armFailureRate < 0 || armFailureRate > 1 || resourceGraphFailureRate < 0 || resourceGraphFailureRate > 1) {
            throw new IllegalArgumentException("failure rates are between 0 and 1");
        }
    }
}
