package dev.idp.query.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.classification.ObservedStorageAccount;
import dev.idp.kernel.crossplane.CrossplaneStatus;
import dev.idp.kernel.crossplane.CrossplaneStatusChangedEvent;
import dev.idp.kernel.crossplane.DecommissionCompletedEvent;
import dev.idp.kernel.crossplane.ManagedResourceAppliedEvent;
import dev.idp.kernel.crossplane.ManagedResourceBinding;
import dev.idp.kernel.crossplane.ManagedResourceLostEvent;
import dev.idp.kernel.crossplane.ProvisioningCompletedEvent;
import dev.idp.kernel.crossplane.RequestStuckEvent;
import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.observation.AzureAccountNotFoundEvent;
import dev.idp.kernel.observation.AzureStateObservedEvent;
import dev.idp.kernel.observation.ObservationSource;
import dev.idp.kernel.observation.ObservationSweepCompletedEvent;
import dev.idp.kernel.observation.StorageAccountDiscoveredEvent;
import dev.idp.kernel.observation.SweepStatistics;
import dev.idp.kernel.observation.UnclaimedAccounts;
import dev.idp.kernel.platform.ControlPlaneBecameAvailableEvent;
import dev.idp.kernel.platform.ControlPlaneBecameUnavailableEvent;
import dev.idp.kernel.storageaccount.AccountKind;
import dev.idp.kernel.storageaccount.AccountTier;
import dev.idp.kernel.storageaccount.Owner;
import dev.idp.kernel.storageaccount.PublicNetworkAccess;
import dev.idp.kernel.storageaccount.ReplicationType;
import dev.idp.kernel.storageaccount.StorageAccountDecommissionRequestedEvent;
import dev.idp.kernel.storageaccount.StorageAccountRequestedEvent;
import dev.idp.kernel.storageaccount.StorageAccountSpec;
import dev.idp.kernel.storageaccount.TlsVersion;
import dev.idp.query.QuerySideApplication;
import dev.idp.query.QuerySideTestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The projector's handlers called directly, each batch in a unit of work as the processor runs them, on a real
 * PostgreSQL: classification after every kind of event, the control plane's outage and return across all accounts,
 * sweeps confirming their scope, and redelivery changing nothing.
 */
@SpringBootTest(
        classes = QuerySideApplication.class,
        properties = "spring.config.name=" + QuerySideApplication.CONFIG_NAME)
class AccountProjectorTest {

    static final String SUB = "00000000-0000-0000-0000-0000000000a1";
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        QuerySideTestDatabase.register(registry);
    }

    @Autowired
    JdbcTemplate jdbc;

    AccountProjector projector;
    final AtomicLong position = new AtomicLong(1000);

    @BeforeEach
    void setUp() {
        // a copy of its own, fed only by this test: the processors see no events here
        projector = new AccountProjectorB(jdbc);
        projector.reset();
    }

    static StorageAccountSpec spec() {
        return new StorageAccountSpec(
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
                Map.of("cost-center", "cc-1"));
    }

    static ObservedStorageAccount observed(String tls, ResourceId resourceId, RequestId requestId) {
        return ObservedStorageAccount.fromAzure(
                "westeurope",
                "StorageV2",
                "Standard_ZRS",
                "Standard",
                null,
                tls,
                "Disabled",
                false,
                false,
                false,
                Map.of(
                        "cost-center", "cc-1",
                        "idp-managed-by", "idp-storage-accounts",
                        "idp-resource-id", resourceId.toString(),
                        "idp-request-id", requestId.toString(),
                        "idp-team", "payments"));
    }

    /** One processor batch: the events in one unit of work, each with the next global position. */
    void batch(Runnable handlers) {
        DefaultUnitOfWork.startAndGet(null).execute(handlers);
    }

    GlobalSequenceTrackingToken next() {
        return new GlobalSequenceTrackingToken(position.incrementAndGet());
    }

    record Account(ResourceId resourceId, RequestId requestId, ArmId armId) {}

    Account provisioned(String name) {
        Account a =
                new Account(ResourceId.random(), RequestId.random(), ArmId.ofStorageAccount(SUB, "rg-payments", name));
        ManagedResourceBinding binding = new ManagedResourceBinding(
                "storage.azure.upbound.io/v1beta2", "Account", name, name, "default", List.of("*"), "Delete");
        batch(() -> {
            projector.on(
                    new StorageAccountRequestedEvent(
                            a.resourceId,
                            a.requestId,
                            "storage-account",
                            SUB,
                            "rg-payments",
                            name,
                            a.armId,
                            new Owner("payments", "alice@example.com"),
                            spec()),
                    T0,
                    next());
            projector.on(new ManagedResourceAppliedEvent(a.resourceId, a.requestId, binding, 1L), T0, next());
            projector.on(
                    new CrossplaneStatusChangedEvent(
                            a.resourceId,
                            new CrossplaneStatus("True", "ReconcileSuccess", null, "True", "Available", null, 1L)),
                    T0,
                    next());
            projector.on(new ProvisioningCompletedEvent(a.resourceId, a.requestId), T0, next());
        });
        return a;
    }

    void observe(Account a, String tls) {
        batch(() -> projector.on(
                new AzureStateObservedEvent(
                        a.resourceId,
                        a.armId,
                        observed(tls, a.resourceId, a.requestId),
                        ObservationSource.RESOURCE_GRAPH,
                        T0.plusSeconds(30),
                        "s1"),
                T0.plusSeconds(30),
                next()));
    }

    Map<String, Object> row(ResourceId resourceId) {
        return jdbc.queryForMap(
                "SELECT state, cloud_only_reason, drift_count, listed, lifecycle, last_observed_at FROM account_view_b"
                        + " WHERE resource_id = ?",
                UUID.fromString(resourceId.toString()));
    }

    @Test
    void aRequestIsPendingUntilAzureIsObservedThenInSyncOrDrifted() {
        Account a = provisioned("stproj01");
        assertThat(row(a.resourceId)).containsEntry("state", "PENDING").containsEntry("listed", true);
        observe(a, "TLS1_2");
        assertThat(row(a.resourceId)).containsEntry("state", "IN_SYNC").containsEntry("drift_count", 0);
        observe(a, "TLS1_0");
        assertThat(row(a.resourceId)).containsEntry("state", "DRIFTED").containsEntry("drift_count", 1);
    }

    @Test
    void theControlPlaneGoingAndComingBackReclassifiesEveryActiveAccount() {
        Account one = provisioned("stproj02");
        Account two = provisioned("stproj03");
        observe(one, "TLS1_2");
        observe(two, "TLS1_0");
        ResourceId unclaimed = discovered("stproj04");
        batch(() -> projector.on(new ControlPlaneBecameUnavailableEvent("control-plane", "refused", T0), next()));
        assertThat(row(one.resourceId)).containsEntry("state", "CONTROL_PLANE_UNAVAILABLE");
        assertThat(row(two.resourceId))
                .containsEntry("state", "CONTROL_PLANE_UNAVAILABLE")
                .containsEntry("drift_count", 1);
        assertThat(row(unclaimed)).containsEntry("state", "CLOUD_ONLY");
        // events of an account while the plane is away keep the account unavailable
        observe(one, "TLS1_2");
        assertThat(row(one.resourceId)).containsEntry("state", "CONTROL_PLANE_UNAVAILABLE");
        batch(() -> projector.on(new ControlPlaneBecameAvailableEvent("control-plane", "healthy", T0), next()));
        assertThat(row(one.resourceId)).containsEntry("state", "IN_SYNC");
        assertThat(row(two.resourceId)).containsEntry("state", "DRIFTED");
        assertThat(row(unclaimed)).containsEntry("state", "CLOUD_ONLY");
    }

    ResourceId discovered(String name) {
        StorageAccountDiscoveredEvent event = discoveredEvent(name, T0);
        batch(() -> projector.on(event, T0, next()));
        return event.resourceId();
    }

    /** An account in scope that no request claims, as a sweep records it (nothing set but placement and kind). */
    static StorageAccountDiscoveredEvent discoveredEvent(String name, Instant at) {
        ArmId armId = ArmId.ofStorageAccount(SUB, "rg-outside", name);
        return new StorageAccountDiscoveredEvent(
                UnclaimedAccounts.resourceId(armId),
                armId,
                SUB,
                "rg-outside",
                name,
                ObservedStorageAccount.fromAzure(
                        "westeurope", "StorageV2", "Standard_LRS", null, null, null, null, null, null, null, null),
                ObservationSource.RESOURCE_GRAPH,
                at,
                "s1");
    }

    @Test
    void anUnrequestedAccountIsCloudOnlyAndLeavesWhenItIsGone() {
        ResourceId resourceId = discovered("stproj05");
        assertThat(row(resourceId))
                .containsEntry("state", "CLOUD_ONLY")
                .containsEntry("cloud_only_reason", "UNREQUESTED");
        ArmId armId = ArmId.ofStorageAccount(SUB, "rg-outside", "stproj05");
        batch(() -> projector.on(
                new AzureAccountNotFoundEvent(resourceId, armId, ObservationSource.ARM, T0, "s2"), T0, next()));
        assertThat(row(resourceId)).containsEntry("listed", false);
    }

    @Test
    void aDecommissionLeavesTheListOnlyWhenAzureNoLongerHasTheAccount() {
        Account a = provisioned("stproj06");
        observe(a, "TLS1_2");
        RequestId decommission = RequestId.random();
        batch(() -> {
            projector.on(new StorageAccountDecommissionRequestedEvent(a.resourceId, decommission), T0, next());
        });
        assertThat(row(a.resourceId)).containsEntry("state", "PENDING").containsEntry("lifecycle", "DECOMMISSIONING");
        batch(() -> projector.on(new DecommissionCompletedEvent(a.resourceId, decommission), T0, next()));
        assertThat(row(a.resourceId))
                .containsEntry("state", "CLOUD_ONLY")
                .containsEntry("cloud_only_reason", "ORPHANED");
        batch(() -> projector.on(
                new AzureAccountNotFoundEvent(a.resourceId, a.armId, ObservationSource.ARM, T0, null), T0, next()));
        assertThat(row(a.resourceId)).containsEntry("listed", false);
    }

    @Test
    void aLostManagedResourceMakesTheAccountCloudOnlyUnmanaged() {
        Account a = provisioned("stproj07");
        observe(a, "TLS1_2");
        batch(() -> projector.on(new ManagedResourceLostEvent(a.resourceId, "stproj07"), T0, next()));
        assertThat(row(a.resourceId))
                .containsEntry("state", "CLOUD_ONLY")
                .containsEntry("cloud_only_reason", "UNMANAGED");
    }

    @Test
    void aCompletedSweepConfirmsItsScope() {
        Account a = provisioned("stproj08");
        observe(a, "TLS1_2");
        Instant later = T0.plusSeconds(3600);
        batch(() -> projector.on(
                new ObservationSweepCompletedEvent("s9", List.of(SUB), List.of(), T0, later, SweepStatistics.NONE)));
        assertThat(((java.sql.Timestamp) row(a.resourceId).get("last_observed_at")).toInstant())
                .isEqualTo(later);
    }

    @Test
    void aSweepInTheMiddleOfABatchConfirmsTheAccountsTheBatchWritesAfterIt() {
        Account a = provisioned("stproj10");
        Instant sweepEnd = T0.plusSeconds(3600);
        batch(() -> {
            projector.on(
                    new AzureStateObservedEvent(
                            a.resourceId,
                            a.armId,
                            observed("TLS1_2", a.resourceId, a.requestId),
                            ObservationSource.RESOURCE_GRAPH,
                            T0.plusSeconds(30),
                            "s1"),
                    T0.plusSeconds(30),
                    next());
            projector.on(new ObservationSweepCompletedEvent(
                    "s10", List.of(SUB), List.of(), T0, sweepEnd, SweepStatistics.NONE));
            // the same batch touches the account again: its cached copy must not undo the confirmation
            projector.on(
                    new RequestStuckEvent(a.resourceId, a.requestId, "READY", java.time.Duration.ofMinutes(30), "x"),
                    T0.plusSeconds(60),
                    next());
        });
        assertThat(((java.sql.Timestamp) row(a.resourceId).get("last_observed_at")).toInstant())
                .isEqualTo(sweepEnd);
        assertThat(row(a.resourceId)).containsEntry("state", "IN_SYNC");
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        Account a = provisioned("stproj09");
        observe(a, "TLS1_0");
        GlobalSequenceTrackingToken old = new GlobalSequenceTrackingToken(position.get() - 1);
        batch(() -> projector.on(
                new RequestStuckEvent(a.resourceId, a.requestId, "READY", java.time.Duration.ofMinutes(30), "x"),
                T0,
                old));
        String document = jdbc.queryForObject(
                "SELECT document FROM account_view_b WHERE resource_id = ?",
                String.class,
                UUID.fromString(a.resourceId.toString()));
        assertThat(document).doesNotContain("STUCK");
        assertThat(row(a.resourceId)).containsEntry("state", "DRIFTED");
    }
}
