package dev.idp.command.observation;

import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.classification.ObservedStorageAccount;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.observation.AzureAccountNotFoundEvent;
import dev.idp.kernel.observation.AzureStateObservedEvent;
import dev.idp.kernel.observation.FinishObservationSweepCommand;
import dev.idp.kernel.observation.ObservationSource;
import dev.idp.kernel.observation.ObservationSweepCompletedEvent;
import dev.idp.kernel.observation.ObservationSweepFailedEvent;
import dev.idp.kernel.observation.ObservationSweepStartedEvent;
import dev.idp.kernel.observation.RecordUnclaimedObservationCommand;
import dev.idp.kernel.observation.StartObservationSweepCommand;
import dev.idp.kernel.observation.StorageAccountDiscoveredEvent;
import dev.idp.kernel.observation.SweepStatistics;
import dev.idp.kernel.observation.UnclaimedAccounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

/** Unclaimed accounts: discovered once, then an event only on change; a sweep's bookkeeping: started, ended once. */
class ObservationAggregatesTest {

    static final String SUB = "00000000-0000-0000-0000-0000000000a1";
    static final ArmId ARM_ID = ArmId.parse(
            "/subscriptions/" + SUB + "/resourceGroups/rg-x/providers/Microsoft.Storage/storageAccounts/stx");
    static final ResourceId ID = UnclaimedAccounts.resourceId(ARM_ID);
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final ObservedStorageAccount TLS12 = NormalizationTest.observed(Map.of("owner", "someone"));
    static final ObservedStorageAccount TLS10 = ObservedStorageAccount.fromAzure(
            "westeurope",
            "StorageV2",
            "Standard_LRS",
            null,
            null,
            "TLS1_0",
            null,
            false,
            false,
            false,
            Map.of("owner", "someone"));
    static final ObservationSource RG = ObservationSource.RESOURCE_GRAPH;

    final AggregateTestFixture<UnclaimedStorageAccount> unclaimed =
            new AggregateTestFixture<>(UnclaimedStorageAccount.class);
    final AggregateTestFixture<ObservationSweep> sweeps = new AggregateTestFixture<>(ObservationSweep.class);

    StorageAccountDiscoveredEvent discovered() {
        return new StorageAccountDiscoveredEvent(ID, ARM_ID, SUB, "rg-x", "stx", TLS12, RG, T0, "s1");
    }

    @Test
    void anUnclaimedAccountIsDiscoveredTheFirstTime() {
        unclaimed
                .givenNoPriorActivity()
                .when(new RecordUnclaimedObservationCommand(ID, ARM_ID, TLS12, RG, T0, "s1"))
                .expectEvents(discovered());
    }

    @Test
    void theSameStateAgainAppendsNothingAndAChangeOneEvent() {
        unclaimed
                .given(discovered())
                .when(new RecordUnclaimedObservationCommand(ID, ARM_ID, TLS12, RG, T0.plusSeconds(60), "s2"))
                .expectNoEvents();
        unclaimed
                .given(discovered())
                .when(new RecordUnclaimedObservationCommand(ID, ARM_ID, TLS10, RG, T0.plusSeconds(60), "s2"))
                .expectEvents(new AzureStateObservedEvent(ID, ARM_ID, TLS10, RG, T0.plusSeconds(60), "s2"));
    }

    @Test
    void aConfirmedDisappearanceIsRecordedOnceAndAReturnIsAnObservation() {
        var gone = new RecordUnclaimedObservationCommand(ID, ARM_ID, null, ObservationSource.ARM, T0, "s2");
        unclaimed
                .given(discovered())
                .when(gone)
                .expectEvents(new AzureAccountNotFoundEvent(ID, ARM_ID, ObservationSource.ARM, T0, "s2"));
        unclaimed
                .given(discovered(), new AzureAccountNotFoundEvent(ID, ARM_ID, ObservationSource.ARM, T0, "s2"))
                .when(gone)
                .expectNoEvents();
        unclaimed
                .given(discovered(), new AzureAccountNotFoundEvent(ID, ARM_ID, ObservationSource.ARM, T0, "s2"))
                .when(new RecordUnclaimedObservationCommand(ID, ARM_ID, TLS12, RG, T0, "s3"))
                .expectEvents(new AzureStateObservedEvent(ID, ARM_ID, TLS12, RG, T0, "s3"));
    }

    @Test
    void aSweepEndsOnceWithItsOutcome() {
        SweepStatistics stats = new SweepStatistics(10, 1, 0, 2, 2, 0, 0);
        var started = new ObservationSweepStartedEvent("s1", "ON_DEMAND", List.of(SUB), List.of(), T0);
        sweeps.givenNoPriorActivity()
                .when(new StartObservationSweepCommand("s1", "ON_DEMAND", List.of(SUB), List.of(), T0))
                .expectEvents(started);
        sweeps.given(started)
                .when(new FinishObservationSweepCommand("s1", T0.plusSeconds(5), stats, null))
                .expectEvents(new ObservationSweepCompletedEvent(
                        "s1", List.of(SUB), List.of(), T0, T0.plusSeconds(5), stats));
        sweeps.given(started)
                .when(new FinishObservationSweepCommand("s1", T0.plusSeconds(5), stats, "503"))
                .expectEvents(new ObservationSweepFailedEvent("s1", T0, T0.plusSeconds(5), "503", stats));
        sweeps.given(started, new ObservationSweepFailedEvent("s1", T0, T0.plusSeconds(5), "503", stats))
                .when(new FinishObservationSweepCommand("s1", T0.plusSeconds(6), stats, null))
                .expectNoEvents();
    }
}
