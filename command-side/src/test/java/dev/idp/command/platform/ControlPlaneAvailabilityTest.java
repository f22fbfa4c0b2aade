package dev.idp.command.platform;

import dev.idp.kernel.platform.ControlPlane;
import dev.idp.kernel.platform.ControlPlaneBecameAvailableEvent;
import dev.idp.kernel.platform.ControlPlaneBecameUnavailableEvent;
import dev.idp.kernel.platform.RecordControlPlaneProbeCommand;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every probe is a command; the history holds only the changes of availability. */
class ControlPlaneAvailabilityTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant T1 = Instant.parse("2026-12-01T10:00:05Z");
    AggregateTestFixture<ControlPlaneAvailability> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ControlPlaneAvailability.class);
    }

    @Test
    void theFirstProbeRecordsWhatItFound() {
        fixture.givenNoPriorActivity()
                .when(new RecordControlPlaneProbeCommand(ControlPlane.ID, true, "healthy", T0))
                .expectEvents(new ControlPlaneBecameAvailableEvent(ControlPlane.ID, "healthy", T0));
        fixture.givenNoPriorActivity()
                .when(new RecordControlPlaneProbeCommand(ControlPlane.ID, false, "refused", T0))
                .expectEvents(new ControlPlaneBecameUnavailableEvent(ControlPlane.ID, "refused", T0));
    }

    @Test
    void aProbeThatFindsTheSameAppendsNothing() {
        fixture.given(new ControlPlaneBecameAvailableEvent(ControlPlane.ID, "healthy", T0))
                .when(new RecordControlPlaneProbeCommand(ControlPlane.ID, true, "healthy again", T1))
                .expectNoEvents();
        fixture.given(new ControlPlaneBecameUnavailableEvent(ControlPlane.ID, "refused", T0))
                .when(new RecordControlPlaneProbeCommand(ControlPlane.ID, false, "refused again", T1))
                .expectNoEvents();
    }

    @Test
    void aChangeOfAvailabilityIsAnEvent() {
        fixture.given(new ControlPlaneBecameAvailableEvent(ControlPlane.ID, "healthy", T0))
                .when(new RecordControlPlaneProbeCommand(ControlPlane.ID, false, "the CRD is not installed", T1))
                .expectEvents(new ControlPlaneBecameUnavailableEvent(ControlPlane.ID, "the CRD is not installed", T1));
        fixture.given(
                        new ControlPlaneBecameAvailableEvent(ControlPlane.ID, "healthy", T0),
                        new ControlPlaneBecameUnavailableEvent(ControlPlane.ID, "refused", T1))
                .when(new RecordControlPlaneProbeCommand(ControlPlane.ID, true, "healthy", T1.plusSeconds(5)))
                .expectEvents(new ControlPlaneBecameAvailableEvent(ControlPlane.ID, "healthy", T1.plusSeconds(5)));
    }
}
