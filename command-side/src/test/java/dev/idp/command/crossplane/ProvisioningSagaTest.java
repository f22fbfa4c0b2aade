package dev.idp.command.crossplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.crossplane.ApplyManagedResourceCommand;
import dev.idp.kernel.crossplane.ManagedResourceAppliedEvent;
import dev.idp.kernel.crossplane.ManagedResourceBinding;
import dev.idp.kernel.crossplane.ProvisioningCompletedEvent;
import dev.idp.kernel.crossplane.RecordManagedResourceAppliedCommand;
import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.storageaccount.AccountKind;
import dev.idp.kernel.storageaccount.AccountTier;
import dev.idp.kernel.storageaccount.Owner;
import dev.idp.kernel.storageaccount.PublicNetworkAccess;
import dev.idp.kernel.storageaccount.ReplicationType;
import dev.idp.kernel.storageaccount.StorageAccountRequest;
import dev.idp.kernel.storageaccount.StorageAccountRequestedEvent;
import dev.idp.kernel.storageaccount.StorageAccountSpec;
import dev.idp.kernel.storageaccount.TlsVersion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProvisioningSagaTest {

    static final String SUB = "00000000-0000-0000-0000-0000000000a1";
    final ResourceId resourceId = ResourceId.random();
    final RequestId requestId = RequestId.random();
    final StorageAccountSpec spec = new StorageAccountSpec(
            "westeurope",
            AccountKind.StorageV2,
            AccountTier.Standard,
            ReplicationType.ZRS,
            null,
            TlsVersion.TLS1_2,
            PublicNetworkAccess.Disabled,
            false,
            false,
            false,
            Map.of());
    final Owner owner = new Owner("payments", "alice@example.com");
    final StorageAccountRequest request =
            new StorageAccountRequest("storage-account", SUB, "rg", "stsaga001", owner, spec);
    final ManagedResourceBinding binding = new ManagedResourceBinding(
            "storage.azure.upbound.io/v1beta2", "Account", "stsaga001", "stsaga001", "default", List.of("*"), "Delete");

    SagaTestFixture<ProvisioningSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ProvisioningSaga.class);
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

    @Test
    void appliesTheManagedResourceOnARequestAndRecordsTheBinding() {
        fixture.setCallbackBehavior(
                (payload, metaData) -> payload instanceof ApplyManagedResourceCommand ? binding : null);

        fixture.givenNoPriorActivity()
                .whenAggregate(resourceId.toString())
                .publishes(requested())
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new ApplyManagedResourceCommand(resourceId, requestId, request),
                        new RecordManagedResourceAppliedCommand(resourceId, requestId, binding))
                .expectNoScheduledDeadlines();
    }

    @Test
    void retriesWithBackoffWhileTheClusterIsAway() {
        fixture.setCallbackBehavior((payload, metaData) -> {
            throw new IllegalStateException("connection refused");
        });

        fixture.givenNoPriorActivity()
                .whenAggregate(resourceId.toString())
                .publishes(requested())
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(ProvisioningSaga.backoff(1), ProvisioningSaga.RETRY_APPLY);
    }

    @Test
    void theRetryAppliesAgainAndRecordsOnceItWorks() {
        fixture.setCallbackBehavior((payload, metaData) -> {
            throw new IllegalStateException("connection refused");
        });
        fixture.givenAggregate(resourceId.toString()).published(requested());
        fixture.setCallbackBehavior(
                (payload, metaData) -> payload instanceof ApplyManagedResourceCommand ? binding : null);

        fixture.whenTimeElapses(Duration.ofSeconds(2))
                .expectDispatchedCommands(
                        new ApplyManagedResourceCommand(resourceId, requestId, request),
                        new RecordManagedResourceAppliedCommand(resourceId, requestId, binding));
    }

    @Test
    void endsWhenProvisioningCompletes() {
        fixture.givenAggregate(resourceId.toString())
                .published(requested(), new ManagedResourceAppliedEvent(resourceId, requestId, binding))
                .whenAggregate(resourceId.toString())
                .publishes(new ProvisioningCompletedEvent(resourceId, requestId))
                .expectActiveSagas(0);
    }

    @Test
    void backsOffDoublingUpToThirtySeconds() {
        assertThat(ProvisioningSaga.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(ProvisioningSaga.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ProvisioningSaga.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(ProvisioningSaga.backoff(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(ProvisioningSaga.backoff(50)).isEqualTo(Duration.ofSeconds(30));
    }
}
