package dev.idp.command.observation;

import dev.idp.kernel.crossplane.DecommissionCompletedEvent;
import dev.idp.kernel.crossplane.ProvisioningCompletedEvent;
import dev.idp.kernel.crossplane.SpecChangeCompletedEvent;
import dev.idp.kernel.ids.ResourceId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * When Crossplane reports a request done (provisioned, changed, decommissioned), one targeted ARM read records what Azure now holds, so the account's state
 * does not wait for the next sweep (and a change shows as applied, or as drift, within seconds). A failed read is left
 * to the sweep. Not replayed: it reads Azure as it is now.
 */
@Component
@ProcessingGroup("observation-follow-up")
class CompletionObserver {

    private static final Logger log = LoggerFactory.getLogger(CompletionObserver.class);

    private final TargetedObservation observation;

    CompletionObserver(TargetedObservation observation) {
        this.observation = observation;
    }

    @EventHandler
    @DisallowReplay
    void on(ProvisioningCompletedEvent event) {
        observe(event.resourceId());
    }

    @EventHandler
    @DisallowReplay
    void on(SpecChangeCompletedEvent event) {
        observe(event.resourceId());
    }

    /** With deletion policy Delete the account should be gone now; with Orphan it stays (and shows as orphaned). */
    @EventHandler
    @DisallowReplay
    void on(DecommissionCompletedEvent event) {
        observe(event.resourceId());
    }

    private void observe(ResourceId resourceId) {
        try {
            observation.observe(resourceId);
        } catch (RuntimeException e) {
            log.info(
                    "Could not read {} from ARM after its request completed ({}); the next sweep will",
                    resourceId,
                    e.getMessage());
        }
    }
}
