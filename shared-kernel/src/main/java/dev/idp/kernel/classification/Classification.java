package dev.idp.kernel.classification;

import java.util.List;

/**
 * What an account is: its state (and, for {@code CLOUD_ONLY}, why), its drift on the owned fields, and two flags. An
 * account that leaves the lists (decommissioned and gone from Azure, or never the platform's) is not {@code listed};
 * its state is then null and its history stays.
 */
public record Classification(
        AccountState state,
        CloudOnlyReason cloudOnlyReason,
        List<Drift> drift,
        boolean stale,
        boolean stuck,
        boolean listed,
        String explanation) {

    public Classification {
        drift = List.copyOf(drift);
    }

    static Classification unlisted(String explanation) {
        return new Classification(null, null, List.of(), false, false, false, explanation);
    }
}
