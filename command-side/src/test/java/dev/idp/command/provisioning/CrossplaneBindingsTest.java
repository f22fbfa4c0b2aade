package dev.idp.command.provisioning;

import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.crossplane.AzureBindingRecordedEvent;
import dev.idp.kernel.crossplane.CrossplaneStatus;
import dev.idp.kernel.crossplane.CrossplaneStatusChangedEvent;
import dev.idp.kernel.crossplane.ManagedResourceAppliedEvent;
import dev.idp.kernel.crossplane.ManagedResourceBinding;
import dev.idp.kernel.crossplane.ProvisioningCompletedEvent;
import dev.idp.kernel.crossplane.RecordCrossplaneStatusCommand;
import dev.idp.kernel.crossplane.RecordManagedResourceAppliedCommand;
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
}
