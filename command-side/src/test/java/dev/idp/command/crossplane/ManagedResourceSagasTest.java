package dev.idp.command.crossplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.crossplane.AppliedManagedResource;
import dev.idp.kernel.crossplane.ApplyManagedResourceCommand;
import dev.idp.kernel.crossplane.DecommissionCompletedEvent;
import dev.idp.kernel.crossplane.DeleteManagedResourceCommand;
import dev.idp.kernel.crossplane.ManagedResourceAppliedEvent;
import dev.idp.kernel.crossplane.ManagedResourceBinding;
import dev.idp.kernel.crossplane.ManagedResourceDeletion;
import dev.idp.kernel.crossplane.MarkRequestStuckCommand;
import dev.idp.kernel.crossplane.PatchManagedResourceCommand;
import dev.idp.kernel.crossplane.ProvisioningCompletedEvent;
import dev.idp.kernel.crossplane.RecordManagedResourceAppliedCommand;
import dev.idp.kernel.crossplane.RecordManagedResourceDeletedCommand;
import dev.idp.kernel.crossplane.SpecChangeCompletedEvent;
import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.platform.ControlPlane;
import dev.idp.kernel.platform.ControlPlaneBecameAvailableEvent;
import dev.idp.kernel.storageaccount.AccountKind;
import dev.idp.kernel.storageaccount.AccountTier;
import dev.idp.kernel.storageaccount.Owner;
import dev.idp.kernel.storageaccount.PublicNetworkAccess;
import dev.idp.kernel.storageaccount.ReplicationType;
import dev.idp.kernel.storageaccount.StorageAccountDecommissionRequestedEvent;
import dev.idp.kernel.storageaccount.StorageAccountRequest;
import dev.idp.kernel.storageaccount.StorageAccountRequestedEvent;
import dev.idp.kernel.storageaccount.StorageAccountSpec;
import dev.idp.kernel.storageaccount.StorageAccountSpecChangeRequestedEvent;
import dev.idp.kernel.storageaccount.TlsVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every path of the three sagas: success, retries through an outage, recovery, the stuck bound, the ends. */
class ManagedResourceSagasTest {

    static final String SUB = "00000000-0000-0000-0000-0000000000a1";
    static final CrossplaneProperties PROPERTIES = CrossplaneProperties.defaults();
    final ResourceId resourceId = ResourceId.random();
    final RequestId requestId = RequestId.random();
    final StorageAccountSpec spec = spec(TlsVersion.TLS1_2);
    final Owner owner = new Owner("payments", "alice@example.com");
    final StorageAccountRequest request =
            new StorageAccountRequest("storage-account", SUB, "rg", "stsaga001", owner, spec);
    final ManagedResourceBinding binding = new ManagedResourceBinding(
            "storage.azure.upbound.io/v1beta2", "Account", "stsaga001", "stsaga001", "default", List.of("*"), "Delete");
    final AppliedManagedResource applied = new AppliedManagedResource(binding, 1L);

    static StorageAccountSpec spec(TlsVersion tls) {
        return new StorageAccountSpec(
                "westeurope",
                AccountKind.StorageV2,
                AccountTier.Standard,
                ReplicationType.ZRS,
                null,
                tls,
                PublicNetworkAccess.Disabled,
                false,
                false,
                false,
                Map.of());
    }

    StorageAccountRequestedEvent requested() {
        return new StorageAccountRequestedEvent(
                resourceId,
                requestId,
                "storage-account",
                SUB,
                "rg",
                "stsaga001",
                ArmId.ofStorageAccount(SUB, "rg", "stsaga001"),
                owner,
                spec);
    }

    static <T> SagaTestFixture<T> fixture(Class<T> saga) {
        SagaTestFixture<T> fixture = new SagaTestFixture<>(saga);
        fixture.registerResource(PROPERTIES);
        return fixture;
    }

    static Object refused(Object payload, Object metaData) {
        throw new IllegalStateException("connection refused");
    }

    @Nested
    class Provisioning {

        final SagaTestFixture<ProvisioningSaga> fixture = fixture(ProvisioningSaga.class);

        @Test
        void appliesTheManagedResourceAndRecordsTheBinding() {
            fixture.setCallbackBehavior(
                    (payload, metaData) -> payload instanceof ApplyManagedResourceCommand ? applied : null);

            fixture.givenNoPriorActivity()
                    .whenAggregate(resourceId.toString())
                    .publishes(requested())
                    .expectActiveSagas(1)
                    .expectDispatchedCommands(
                            new ApplyManagedResourceCommand(resourceId, requestId, request),
                            new RecordManagedResourceAppliedCommand(resourceId, requestId, binding, 1L))
                    .expectScheduledDeadlineWithName(PROPERTIES.stuckAfter(), ManagedResourceSaga.STUCK);
        }

        @Test
        void retriesWithBackoffWhileTheClusterIsAway() {
            fixture.setCallbackBehavior(ManagedResourceSagasTest::refused);

            fixture.givenNoPriorActivity()
                    .whenAggregate(resourceId.toString())
                    .publishes(requested())
                    .expectActiveSagas(1)
                    .expectScheduledDeadlineWithName(ManagedResourceSaga.backoff(1), ManagedResourceSaga.RETRY);
        }

        @Test
        void theRetryAppliesAgainAndRecordsOnceItWorks() {
            fixture.setCallbackBehavior(ManagedResourceSagasTest::refused);
            fixture.givenAggregate(resourceId.toString()).published(requested());
            fixture.setCallbackBehavior(
                    (payload, metaData) -> payload instanceof ApplyManagedResourceCommand ? applied : null);

            fixture.whenTimeElapses(Duration.ofSeconds(2))
                    .expectDispatchedCommands(
                            new ApplyManagedResourceCommand(resourceId, requestId, request),
                            new RecordManagedResourceAppliedCommand(resourceId, requestId, binding, 1L));
        }

        @Test
        void theControlPlaneComingBackAppliesAtOnceInsteadOfAtTheEndOfTheBackoff() {
            fixture.setCallbackBehavior(ManagedResourceSagasTest::refused);
            fixture.givenAggregate(resourceId.toString()).published(requested());
            fixture.whenTimeElapses(Duration.ofSeconds(8)); // attempts 1..4 failed; the next is 8 s away
            fixture.setCallbackBehavior(
                    (payload, metaData) -> payload instanceof ApplyManagedResourceCommand ? applied : null);

            fixture.whenAggregate(ControlPlane.ID)
                    .publishes(new ControlPlaneBecameAvailableEvent(ControlPlane.ID, "healthy", Instant.now()))
                    .expectDispatchedCommands(
                            new ApplyManagedResourceCommand(resourceId, requestId, request),
                            new RecordManagedResourceAppliedCommand(resourceId, requestId, binding, 1L))
                    .expectNoScheduledDeadlineWithName(ManagedResourceSaga.backoff(5), ManagedResourceSaga.RETRY);
        }

        @Test
        void aControlPlaneEventMeansNothingToASagaThatIsNotWaiting() {
            fixture.setCallbackBehavior(
                    (payload, metaData) -> payload instanceof ApplyManagedResourceCommand ? applied : null);
            fixture.givenAggregate(resourceId.toString())
                    .published(requested(), new ManagedResourceAppliedEvent(resourceId, requestId, binding, 1L))
                    .whenAggregate(ControlPlane.ID)
                    .publishes(new ControlPlaneBecameAvailableEvent(ControlPlane.ID, "healthy", Instant.now()))
                    .expectNoDispatchedCommands();
        }

        @Test
        void isMarkedStuckPastTheBoundAndKeepsWaiting() {
            fixture.givenAggregate(resourceId.toString())
                    .published(requested(), new ManagedResourceAppliedEvent(resourceId, requestId, binding, 1L))
                    .whenTimeElapses(PROPERTIES.stuckAfter())
                    .expectDispatchedCommands(new MarkRequestStuckCommand(
                            resourceId,
                            requestId,
                            "READY",
                            PROPERTIES.stuckAfter(),
                            "the managed resource is applied but Crossplane has not reported it Synced and Ready"))
                    .expectActiveSagas(1);
        }

        @Test
        void endsWhenProvisioningCompletes() {
            fixture.givenAggregate(resourceId.toString())
                    .published(requested(), new ManagedResourceAppliedEvent(resourceId, requestId, binding, 1L))
                    .whenAggregate(resourceId.toString())
                    .publishes(new ProvisioningCompletedEvent(resourceId, requestId))
                    .expectActiveSagas(0)
                    .expectNoScheduledDeadlines();
        }

        @Test
        void endsWhenTheAccountIsDecommissionedFirst() {
            fixture.setCallbackBehavior(ManagedResourceSagasTest::refused);
            fixture.givenAggregate(resourceId.toString())
                    .published(requested())
                    .whenAggregate(resourceId.toString())
                    .publishes(new StorageAccountDecommissionRequestedEvent(resourceId, RequestId.random()))
                    .expectActiveSagas(0)
                    .expectNoScheduledDeadlines();
        }
    }

    @Nested
    class SpecChange {

        final SagaTestFixture<SpecChangeSaga> fixture = fixture(SpecChangeSaga.class);
        final RequestId change = RequestId.random();
        final StorageAccountSpec changed = spec(TlsVersion.TLS1_3);

        StorageAccountSpecChangeRequestedEvent requested() {
            return new StorageAccountSpecChangeRequestedEvent(resourceId, change, spec, changed);
        }

        @Test
        void patchesForProviderAndEndsWhenReadyForIt() {
            fixture.setCallbackBehavior((payload, metaData) ->
                    payload instanceof PatchManagedResourceCommand ? new AppliedManagedResource(binding, 2L) : null);

            fixture.givenNoPriorActivity()
                    .whenAggregate(resourceId.toString())
                    .publishes(requested())
                    .expectDispatchedCommands(
                            new PatchManagedResourceCommand(resourceId, change, changed),
                            new RecordManagedResourceAppliedCommand(resourceId, change, binding, 2L));
            fixture.givenAggregate(resourceId.toString())
                    .published(requested(), new ManagedResourceAppliedEvent(resourceId, change, binding, 2L))
                    .whenAggregate(resourceId.toString())
                    .publishes(new SpecChangeCompletedEvent(resourceId, change))
                    .expectActiveSagas(0);
        }

        @Test
        void retriesThePatchWhileTheMrCannotBeWritten() {
            fixture.setCallbackBehavior(ManagedResourceSagasTest::refused);
            fixture.givenNoPriorActivity()
                    .whenAggregate(resourceId.toString())
                    .publishes(requested())
                    .expectScheduledDeadlineWithName(ManagedResourceSaga.backoff(1), ManagedResourceSaga.RETRY);
        }
    }

    @Nested
    class Decommission {

        final SagaTestFixture<DecommissionSaga> fixture = fixture(DecommissionSaga.class);
        final RequestId decommission = RequestId.random();

        StorageAccountDecommissionRequestedEvent requested() {
            return new StorageAccountDecommissionRequestedEvent(resourceId, decommission);
        }

        @Test
        void deletesTheMrAndRecordsItGoneWhenNothingHoldsIt() {
            fixture.setCallbackBehavior((payload, metaData) -> payload instanceof DeleteManagedResourceCommand
                    ? new ManagedResourceDeletion("stsaga001", true)
                    : null);

            fixture.givenNoPriorActivity()
                    .whenAggregate(resourceId.toString())
                    .publishes(requested())
                    .expectDispatchedCommands(
                            new DeleteManagedResourceCommand(resourceId, decommission),
                            new RecordManagedResourceDeletedCommand(resourceId, "stsaga001"));
        }

        @Test
        void looksAgainWhileFinalizersHoldTheMr() {
            fixture.setCallbackBehavior((payload, metaData) -> payload instanceof DeleteManagedResourceCommand
                    ? new ManagedResourceDeletion("stsaga001", false)
                    : null);

            fixture.givenNoPriorActivity()
                    .whenAggregate(resourceId.toString())
                    .publishes(requested())
                    .expectDispatchedCommands(new DeleteManagedResourceCommand(resourceId, decommission))
                    .expectScheduledDeadlineWithName(ManagedResourceSaga.backoff(1), ManagedResourceSaga.RETRY);
        }

        @Test
        void isMarkedStuckWhenTheMrNeverGoes() {
            fixture.setCallbackBehavior((payload, metaData) -> payload instanceof DeleteManagedResourceCommand
                    ? new ManagedResourceDeletion("stsaga001", false)
                    : null);
            fixture.givenAggregate(resourceId.toString()).published(requested());
            fixture.whenTimeElapses(PROPERTIES.stuckAfter().plusSeconds(1))
                    .expectDispatchedCommandsMatching(org.axonframework.test.matchers.Matchers.listWithAnyOf(
                            org.axonframework.test.matchers.Matchers.messageWithPayload(
                                    org.hamcrest.Matchers.equalTo(new MarkRequestStuckCommand(
                                            resourceId,
                                            decommission,
                                            "DELETE",
                                            PROPERTIES.stuckAfter(),
                                            "the managed resource is not gone from the cluster")))));
        }

        @Test
        void endsWhenTheDecommissionCompletes() {
            fixture.givenAggregate(resourceId.toString())
                    .published(requested())
                    .whenAggregate(resourceId.toString())
                    .publishes(new DecommissionCompletedEvent(resourceId, decommission))
                    .expectActiveSagas(0)
                    .expectNoScheduledDeadlines();
        }
    }

    @Test
    void backsOffDoublingUpToThirtySeconds() {
        assertThat(ManagedResourceSaga.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(ManagedResourceSaga.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ManagedResourceSaga.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(ManagedResourceSaga.backoff(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(ManagedResourceSaga.backoff(50)).isEqualTo(Duration.ofSeconds(30));
    }
}
