package dev.idp.command.provisioning;

import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.crossplane.AzureBindingRecordedEvent;
import dev.idp.kernel.crossplane.CrossplaneStatus;
import dev.idp.kernel.crossplane.CrossplaneStatusChangedEvent;
import dev.idp.kernel.crossplane.DecommissionCompletedEvent;
import dev.idp.kernel.crossplane.ManagedResourceAppliedEvent;
import dev.idp.kernel.crossplane.ManagedResourceBinding;
import dev.idp.kernel.crossplane.ManagedResourceDeletedEvent;
import dev.idp.kernel.crossplane.ManagedResourceLostEvent;
import dev.idp.kernel.crossplane.MarkRequestStuckCommand;
import dev.idp.kernel.crossplane.ProvisioningCompletedEvent;
import dev.idp.kernel.crossplane.RecordCrossplaneStatusCommand;
import dev.idp.kernel.crossplane.RecordManagedResourceAppliedCommand;
import dev.idp.kernel.crossplane.RecordManagedResourceDeletedCommand;
import dev.idp.kernel.crossplane.RequestStuckEvent;
import dev.idp.kernel.crossplane.SpecChangeCompletedEvent;
import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.storageaccount.StorageAccountDecommissionRequestedEvent;
import dev.idp.kernel.storageaccount.StorageAccountSpecChangeRequestedEvent;
import java.time.Duration;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The aggregate records Crossplane's view only when it changes, and completes a request once it is Ready. */
class CrossplaneBindingsTest {

    final StorageAccountTest base = new StorageAccountTest();
    AggregateTestFixture<StorageAccount> fixture;

    static final ManagedResourceBinding BINDING = new ManagedResourceBinding(
            "storage.azure.upbound.io/v1beta2",
            "Account",
            "stpayments001",
            "stpayments001",
            "default",
            List.of("*"),
            "Delete");
    static final CrossplaneStatus CREATING =
            new CrossplaneStatus("True", "ReconcileSuccess", null, "False", "Creating", null);
    static final CrossplaneStatus READY =
            new CrossplaneStatus("True", "ReconcileSuccess", null, "True", "Available", null);
    static final CrossplaneStatus FAILING =
            new CrossplaneStatus("False", "ReconcileError", "StorageAccountAlreadyTaken", null, null, null);
    static final String ARM_ID = "/subscriptions/" + StorageAccountTest.SUBSCRIPTION
            + "/resourceGroups/rg-payments/providers/Microsoft.Storage/storageAccounts/stpayments001";

    @BeforeEach
    void setUp() {
        base.setUp();
        fixture = base.fixture;
    }

    ManagedResourceAppliedEvent applied() {
        return new ManagedResourceAppliedEvent(base.resourceId, base.requestId, BINDING);
    }

    @Test
    void recordsTheBindingOnceWhateverTheRetries() {
        fixture.given(base.requested())
                .when(new RecordManagedResourceAppliedCommand(base.resourceId, base.requestId, BINDING))
                .expectEvents(applied());
        fixture.given(base.requested(), applied())
                .when(new RecordManagedResourceAppliedCommand(base.resourceId, base.requestId, BINDING))
                .expectNoEvents();
    }

    @Test
    void recordsAStatusOnlyWhenItChanges() {
        fixture.given(base.requested(), applied())
                .when(new RecordCrossplaneStatusCommand(base.resourceId, CREATING, null, null))
                .expectEvents(new CrossplaneStatusChangedEvent(base.resourceId, CREATING));
        fixture.given(base.requested(), applied(), new CrossplaneStatusChangedEvent(base.resourceId, CREATING))
                .when(new RecordCrossplaneStatusCommand(base.resourceId, CREATING, null, null))
                .expectNoEvents();
    }

    @Test
    void recordsTheAzureBindingAndCompletesTheRequestWhenReady() {
        ArmId armId = ArmId.parse(ARM_ID);
        fixture.given(base.requested(), applied(), new CrossplaneStatusChangedEvent(base.resourceId, CREATING))
                .when(new RecordCrossplaneStatusCommand(base.resourceId, READY, ARM_ID, "westeurope"))
                .expectEvents(
                        new CrossplaneStatusChangedEvent(base.resourceId, READY),
                        new AzureBindingRecordedEvent(
                                base.resourceId, armId, armId.subscriptionId(), "rg-payments", "westeurope"),
                        new ProvisioningCompletedEvent(base.resourceId, base.requestId));
    }

    @Test
    void aFailingMrIsRecordedButCompletesNothing() {
        fixture.given(base.requested(), applied())
                .when(new RecordCrossplaneStatusCommand(base.resourceId, FAILING, null, null))
                .expectEvents(new CrossplaneStatusChangedEvent(base.resourceId, FAILING));
    }

    @Test
    void theSameArmIdInAnotherCasingIsNoNewBinding() {
        ArmId armId = ArmId.parse(ARM_ID);
        fixture.given(
                        base.requested(),
                        applied(),
                        new CrossplaneStatusChangedEvent(base.resourceId, READY),
                        new AzureBindingRecordedEvent(
                                base.resourceId, armId, armId.subscriptionId(), "rg-payments", "westeurope"),
                        new ProvisioningCompletedEvent(base.resourceId, base.requestId))
                .when(new RecordCrossplaneStatusCommand(base.resourceId, READY, ARM_ID.toLowerCase(), "westeurope"))
                .expectNoEvents();
    }

    static CrossplaneStatus ready(long generation) {
        return new CrossplaneStatus("True", "ReconcileSuccess", null, "True", "Available", null, generation);
    }

    @Test
    void aChangeCompletesOnlyWhenReadyForThePatchedGeneration() {
        RequestId change = RequestId.random();
        var changeRequested = new StorageAccountSpecChangeRequestedEvent(
                base.resourceId,
                change,
                StorageAccountTest.spec(dev.idp.kernel.storageaccount.TlsVersion.TLS1_2),
                StorageAccountTest.spec(dev.idp.kernel.storageaccount.TlsVersion.TLS1_2));
        var created = new Object[] {
            base.requested(),
            new ManagedResourceAppliedEvent(base.resourceId, base.requestId, BINDING, 1L),
            new CrossplaneStatusChangedEvent(base.resourceId, ready(1)),
            new ProvisioningCompletedEvent(base.resourceId, base.requestId),
            changeRequested
        };
        // recorded while the status is still the old generation's Ready: no completion yet
        fixture.given(created)
                .when(new RecordManagedResourceAppliedCommand(base.resourceId, change, BINDING, 2L))
                .expectEvents(new ManagedResourceAppliedEvent(base.resourceId, change, BINDING, 2L));
        Object[] patched = java.util.stream.Stream.concat(
                        java.util.Arrays.stream(created),
                        java.util.stream.Stream.of(
                                new ManagedResourceAppliedEvent(base.resourceId, change, BINDING, 2L)))
                .toArray();
        fixture.given(patched)
                .when(new RecordCrossplaneStatusCommand(base.resourceId, ready(1), null, null))
                .expectNoEvents();
        fixture.given(patched)
                .when(new RecordCrossplaneStatusCommand(base.resourceId, ready(2), null, null))
                .expectEvents(
                        new CrossplaneStatusChangedEvent(base.resourceId, ready(2)),
                        new SpecChangeCompletedEvent(base.resourceId, change));
    }

    @Test
    void aLaterChangeCompletesTheEarlierOneWithIt() {
        RequestId first = RequestId.random();
        RequestId second = RequestId.random();
        fixture.given(
                        base.requested(),
                        new ManagedResourceAppliedEvent(base.resourceId, base.requestId, BINDING, 1L),
                        new CrossplaneStatusChangedEvent(base.resourceId, ready(1)),
                        new ProvisioningCompletedEvent(base.resourceId, base.requestId),
                        new ManagedResourceAppliedEvent(base.resourceId, first, BINDING, 2L),
                        new ManagedResourceAppliedEvent(base.resourceId, second, BINDING, 3L))
                .when(new RecordCrossplaneStatusCommand(base.resourceId, ready(3), null, null))
                .expectEvents(
                        new CrossplaneStatusChangedEvent(base.resourceId, ready(3)),
                        new SpecChangeCompletedEvent(base.resourceId, first),
                        new SpecChangeCompletedEvent(base.resourceId, second));
    }

    @Test
    void theMrGoneAfterADecommissionCompletesIt() {
        RequestId decommission = RequestId.random();
        fixture.given(
                        base.requested(),
                        applied(),
                        new StorageAccountDecommissionRequestedEvent(base.resourceId, decommission))
                .when(new RecordManagedResourceDeletedCommand(base.resourceId, "stpayments001"))
                .expectEvents(
                        new ManagedResourceDeletedEvent(base.resourceId, decommission, "stpayments001"),
                        new DecommissionCompletedEvent(base.resourceId, decommission));
        fixture.given(
                        base.requested(),
                        applied(),
                        new StorageAccountDecommissionRequestedEvent(base.resourceId, decommission),
                        new ManagedResourceDeletedEvent(base.resourceId, decommission, "stpayments001"),
                        new DecommissionCompletedEvent(base.resourceId, decommission))
                .when(new RecordManagedResourceDeletedCommand(base.resourceId, "stpayments001"))
                .expectNoEvents();
    }

    @Test
    void theMrGoneWithoutADecommissionIsALossRecordedOnce() {
        fixture.given(base.requested(), applied())
                .when(new RecordManagedResourceDeletedCommand(base.resourceId, "stpayments001"))
                .expectEvents(new ManagedResourceLostEvent(base.resourceId, "stpayments001"));
        fixture.given(base.requested(), applied(), new ManagedResourceLostEvent(base.resourceId, "stpayments001"))
                .when(new RecordManagedResourceDeletedCommand(base.resourceId, "stpayments001"))
                .expectNoEvents();
        fixture.given(base.requested()) // never applied: nothing was lost
                .when(new RecordManagedResourceDeletedCommand(base.resourceId, "stpayments001"))
                .expectNoEvents();
    }

    @Test
    void aStuckRequestIsMarkedOnce() {
        var stuck = new MarkRequestStuckCommand(
                base.resourceId, base.requestId, "READY", Duration.ofMinutes(30), "not Ready");
        fixture.given(base.requested(), applied())
                .when(stuck)
                .expectEvents(new RequestStuckEvent(
                        base.resourceId, base.requestId, "READY", Duration.ofMinutes(30), "not Ready"));
        fixture.given(
                        base.requested(),
                        applied(),
                        new RequestStuckEvent(
                                base.resourceId, base.requestId, "READY", Duration.ofMinutes(30), "not Ready"))
                .when(stuck)
                .expectNoEvents();
    }

    @Test
    void aLateApplyAfterTheDecommissionIsIgnored() {
        fixture.given(
                        base.requested(),
                        new StorageAccountDecommissionRequestedEvent(base.resourceId, RequestId.random()))
                .when(new RecordManagedResourceAppliedCommand(base.resourceId, base.requestId, BINDING))
                .expectNoEvents();
    }

    @Test
    void anObservationIsRecordedOnlyWhenItChanges() {
        ArmId armId = ArmId.parse(ARM_ID);
        var observed = dev.idp.kernel.classification.ObservedStorageAccount.fromAzure(
                "westeurope", "StorageV2", "Standard_ZRS", null, null, "TLS1_2", "Disabled", false, false, false, null);
        var at = java.time.Instant.parse("2026-12-01T10:00:00Z");
        var rg = dev.idp.kernel.observation.ObservationSource.RESOURCE_GRAPH;
        var first =
                new dev.idp.kernel.observation.AzureStateObservedEvent(base.resourceId, armId, observed, rg, at, "s1");
        fixture.given(base.requested())
                .when(new dev.idp.kernel.observation.RecordAzureObservationCommand(
                        base.resourceId, armId, observed, rg, at, "s1"))
                .expectEvents(first);
        fixture.given(base.requested(), first)
                .when(new dev.idp.kernel.observation.RecordAzureObservationCommand(
                        base.resourceId, armId, observed, rg, at.plusSeconds(60), "s2"))
                .expectNoEvents();
        fixture.given(base.requested(), first)
                .when(new dev.idp.kernel.observation.RecordAzureObservationCommand(
                        base.resourceId, armId, null, dev.idp.kernel.observation.ObservationSource.ARM, at, "s2"))
                .expectEvents(new dev.idp.kernel.observation.AzureAccountNotFoundEvent(
                        base.resourceId, armId, dev.idp.kernel.observation.ObservationSource.ARM, at, "s2"));
    }
}
