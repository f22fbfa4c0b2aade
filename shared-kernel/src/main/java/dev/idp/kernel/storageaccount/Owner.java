package dev.idp.kernel.storageaccount;

import java.util.Objects;

/** Who owns an account: the team it is billed to and the person who asked for it. */
public record Owner(String team, String requestedBy) {

    public Owner {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
