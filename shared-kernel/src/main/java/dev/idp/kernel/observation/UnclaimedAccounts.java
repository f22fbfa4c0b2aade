package dev.idp.kernel.observation;

import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.ids.ResourceId;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The resource ID of an account no request claims: a name-based UUID of its normalized ARM ID, stable everywhere. */
public final class UnclaimedAccounts {

    private UnclaimedAccounts() {}

    public static ResourceId resourceId(ArmId armId) {
        return ResourceId.parse(UUID.nameUUIDFromBytes(("azure:" + armId.normalized()).getBytes(StandardCharsets.UTF_8))
                .toString());
    }
}
