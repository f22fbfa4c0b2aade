package dev.idp.command.provisioning;

import dev.idp.kernel.ids.ResourceId;
import java.util.Optional;

/**
 * Set-based validation of storage account names, which Azure makes global: a name belongs to one live resource at a
 * time. Reservations are written in the command's transaction, so two racing submissions of one name cannot both win.
 */
public interface AccountNames {

    /**
     * Reserves {@code name} for {@code resourceId}.
     *
     * @return empty when reserved; the holder's resource ID when another resource holds the name
     */
    Optional<ResourceId> reserve(String name, ResourceId resourceId);
}
