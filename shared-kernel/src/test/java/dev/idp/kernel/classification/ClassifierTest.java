package dev.idp.kernel.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.idp.kernel.classification.ClassificationInput.Azure;
import dev.idp.kernel.classification.ClassificationInput.ControlPlane;
import dev.idp.kernel.classification.ClassificationInput.Crossplane;
import dev.idp.kernel.classification.ClassificationInput.Crossplane.Mr;
import dev.idp.kernel.classification.ClassificationInput.Desired;
import dev.idp.kernel.classification.ClassificationInput.Desired.Lifecycle;
import dev.idp.kernel.storageaccount.AccessTier;
import dev.idp.kernel.storageaccount.AccountKind;
import dev.idp.kernel.storageaccount.AccountTier;
import dev.idp.kernel.storageaccount.PublicNetworkAccess;
import dev.idp.kernel.storageaccount.ReplicationType;
import dev.idp.kernel.storageaccount.StorageAccountSpec;
import dev.idp.kernel.storageaccount.TlsVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** classification.md's table, one row per rule and per note, plus every combination of inputs. */
class ClassifierTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final Map<String, String> OWNERSHIP =
            Map.of("idp-managed-by", "idp-storage-accounts", "idp-team", "payments");
    static final StorageAccountSpec SPEC = new StorageAccountSpec(
            "westeurope",
            AccountKind.StorageV2,
            AccountTier.Standard,
            ReplicationType.ZRS,
            AccessTier.Hot,
            TlsVersion.TLS1_2,
            PublicNetworkAccess.Disabled,
            false,
            false,
            false,
            Map.of("cost-center", "cc-1"));

    static ObservedStorageAccount matching() {
        return ObservedStorageAccount.fromAzure(
                "westeurope",
                "StorageV2",
                "Standard_ZRS",
                "Standard",
                "Hot",
                "TLS1_2",
                "Disabled",
                false,
                false,
                false,
                Map.of("cost-center", "cc-1", "idp-managed-by", "idp-storage-accounts", "idp-team", "payments"));
    }

    static ObservedStorageAccount tls10() {
        return ObservedStorageAccount.fromAzure(
                "westeurope",
                "StorageV2",
                "Standard_ZRS",
                "Standard",
                "Hot",
                "TLS1_0",
                "Disabled",
                false,
                false,
                false,
                Map.of("cost-center", "cc-1", "idp-managed-by", "idp-storage-accounts", "idp-team", "payments"));
    }

    static Desired active() {
        return Desired.active(SPEC, OWNERSHIP);
    }

    static Desired lifecycle(Lifecycle lifecycle) {
        return new Desired(lifecycle, lifecycle == Lifecycle.NONE ? null : SPEC, OWNERSHIP);
    }

    static ClassificationInput input(Desired desired, Crossplane crossplane, Azure azure, ControlPlane plane) {
        return new ClassificationInput(desired, crossplane, azure, plane, true, NOW.minusSeconds(60), NOW, null);
    }

    static Azure present(ObservedStorageAccount observed) {
        return Azure.present(observed, NOW.minusSeconds(30));
    }

    static Arguments row(String name, ClassificationInput input, AccountState state, CloudOnlyReason reason) {
        return Arguments.of(name, input, state, reason);
    }

    static Stream<Arguments> table() {
        ControlPlane up = ControlPlane.AVAILABLE;
        ControlPlane down = ControlPlane.UNAVAILABLE;
        return Stream.of(
                row(
                        "1: never requested, in Azure and in scope",
                        input(Desired.none(), Crossplane.of(Mr.ABSENT), present(matching()), up),
                        AccountState.CLOUD_ONLY,
                        CloudOnlyReason.UNREQUESTED),
                row(
                        "1: never requested, control plane down too",
                        input(Desired.none(), Crossplane.of(Mr.UNKNOWN), present(matching()), down),
                        AccountState.CLOUD_ONLY,
                        CloudOnlyReason.UNREQUESTED),
                row(
                        "1: decommission finished, still in Azure",
                        input(lifecycle(Lifecycle.DECOMMISSIONED), Crossplane.of(Mr.ABSENT), present(matching()), up),
                        AccountState.CLOUD_ONLY,
                        CloudOnlyReason.ORPHANED),
                row(
                        "note: decommission under way is pending",
                        input(
                                lifecycle(Lifecycle.DECOMMISSIONING),
                                Crossplane.of(Mr.DELETING),
                                present(matching()),
                                up),
                        AccountState.PENDING,
                        null),
                row(
                        "2: control plane unavailable",
                        input(active(), Crossplane.of(Mr.READY), present(matching()), down),
                        AccountState.CONTROL_PLANE_UNAVAILABLE,
                        null),
                row(
                        "2 before 3: unavailable wins over an operation in flight",
                        input(active(), new Crossplane(Mr.PROGRESSING, true, null), present(matching()), down),
                        AccountState.CONTROL_PLANE_UNAVAILABLE,
                        null),
                row(
                        "3: operation in flight",
                        input(active(), new Crossplane(Mr.READY, true, null), present(matching()), up),
                        AccountState.PENDING,
                        null),
                row(
                        "3: MR progressing",
                        input(active(), Crossplane.of(Mr.PROGRESSING), present(matching()), up),
                        AccountState.PENDING,
                        null),
                row(
                        "3: MR deleting",
                        input(active(), Crossplane.of(Mr.DELETING), present(matching()), up),
                        AccountState.PENDING,
                        null),
                row(
                        "3: Azure not yet observed",
                        input(active(), Crossplane.of(Mr.READY), Azure.notObserved(), up),
                        AccountState.PENDING,
                        null),
                row(
                        "3 before 4: progressing and absent from Azure is pending",
                        input(active(), Crossplane.of(Mr.PROGRESSING), Azure.absent(NOW), up),
                        AccountState.PENDING,
                        null),
                row(
                        "4: confirmed absent from Azure",
                        input(active(), Crossplane.of(Mr.READY), Azure.absent(NOW), up),
                        AccountState.DESIRED_ONLY,
                        null),
                row(
                        "4 before 5: no MR and no account is desired-only",
                        input(active(), Crossplane.of(Mr.ABSENT), Azure.absent(NOW), up),
                        AccountState.DESIRED_ONLY,
                        null),
                row(
                        "5: in Azure, MR confirmed absent",
                        input(active(), Crossplane.of(Mr.ABSENT), present(matching()), up),
                        AccountState.CLOUD_ONLY,
                        CloudOnlyReason.UNMANAGED),
                row(
                        "6: an owned field differs",
                        input(active(), Crossplane.of(Mr.READY), present(tls10()), up),
                        AccountState.DRIFTED,
                        null),
                row(
                        "7: every owned field matches",
                        input(active(), Crossplane.of(Mr.READY), present(matching()), up),
                        AccountState.IN_SYNC,
                        null),
                row(
                        "note: MR failing follows Azure (absent)",
                        input(active(), new Crossplane(Mr.FAILING, false, "name taken"), Azure.absent(NOW), up),
                        AccountState.DESIRED_ONLY,
                        null),
                row(
                        "note: MR failing follows Azure (drift)",
                        input(active(), new Crossplane(Mr.FAILING, false, "x"), present(tls10()), up),
                        AccountState.DRIFTED,
                        null),
                row(
                        "note: MR failing follows Azure (match)",
                        input(active(), new Crossplane(Mr.FAILING, false, "x"), present(matching()), up),
                        AccountState.IN_SYNC,
                        null),
                row(
                        "an MR never seen is not a confirmed absence",
                        input(active(), Crossplane.of(Mr.UNKNOWN), present(matching()), up),
                        AccountState.IN_SYNC,
                        null));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("table")
    void followsTheTable(String name, ClassificationInput input, AccountState state, CloudOnlyReason reason) {
        Classification c = Classifier.classify(input);

        assertThat(c.listed()).isTrue();
        assertThat(c.state()).isEqualTo(state);
        assertThat(c.cloudOnlyReason()).isEqualTo(reason);
    }

    @Test
    void showsDriftWhileTheControlPlaneIsUnavailable() {
        Classification c = Classifier.classify(
                input(active(), Crossplane.of(Mr.READY), present(tls10()), ControlPlane.UNAVAILABLE));

        assertThat(c.state()).isEqualTo(AccountState.CONTROL_PLANE_UNAVAILABLE);
        assertThat(c.drift()).containsExactly(new Drift("minimumTlsVersion", "TLS1_2", "TLS1_0"));
    }

    @Test
    void aDecommissionedAccountGoneFromAzureLeavesTheLists() {
        assertThat(Classifier.classify(input(
                                lifecycle(Lifecycle.DECOMMISSIONED),
                                Crossplane.of(Mr.ABSENT),
                                Azure.absent(NOW),
                                ControlPlane.AVAILABLE))
                        .listed())
                .isFalse();
    }

    @Test
    void anAccountOutsideTheManagedScopeIsNotListed() {
        ClassificationInput foreign = new ClassificationInput(
                Desired.none(),
                Crossplane.of(Mr.ABSENT),
                present(matching()),
                ControlPlane.AVAILABLE,
                false,
                null,
                NOW,
                null);

        assertThat(Classifier.classify(foreign).listed()).isFalse();
    }

    @Test
    void flagsPendingPastTheBoundAsStuck() {
        ClassificationInput young = new ClassificationInput(
                active(),
                Crossplane.of(Mr.PROGRESSING),
                Azure.notObserved(),
                ControlPlane.AVAILABLE,
                true,
                NOW.minus(Duration.ofMinutes(29)),
                NOW,
                null);
        ClassificationInput old = new ClassificationInput(
                active(),
                Crossplane.of(Mr.PROGRESSING),
                Azure.notObserved(),
                ControlPlane.AVAILABLE,
                true,
                NOW.minus(Duration.ofMinutes(31)),
                NOW,
                null);

        assertThat(Classifier.classify(young).stuck()).isFalse();
        assertThat(Classifier.classify(old).stuck()).isTrue();
        assertThat(Classifier.classify(old).state()).isEqualTo(AccountState.PENDING);
        assertThat(Classifier.classify(old).explanation()).contains("stuck");
    }

    @Test
    void flagsAStaleObservationAndKeepsItsState() {
        ClassificationInput stale = new ClassificationInput(
                active(),
                Crossplane.of(Mr.READY),
                Azure.present(matching(), NOW.minus(Duration.ofHours(2))),
                ControlPlane.AVAILABLE,
                true,
                null,
                NOW,
                null);

        Classification c = Classifier.classify(stale);

        assertThat(c.state()).isEqualTo(AccountState.IN_SYNC);
        assertThat(c.stale()).isTrue();
    }

    @Test
    void carriesCrossplanesMessageWhenTheMrIsFailing() {
        Classification c = Classifier.classify(input(
                active(),
                new Crossplane(Mr.FAILING, false, "StorageAccountAlreadyTaken"),
                Azure.absent(NOW),
                ControlPlane.AVAILABLE));

        assertThat(c.explanation()).contains("Synced=False").contains("StorageAccountAlreadyTaken");
    }

    @Test
    void neverThrowsForAnyCombinationOfInputs() {
        List<ClassificationInput> all = new ArrayList<>();
        for (Lifecycle lifecycle : Lifecycle.values()) {
            for (Mr mr : Mr.values()) {
                for (boolean inFlight : new boolean[] {false, true}) {
                    for (Azure azure :
                            List.of(Azure.notObserved(), Azure.absent(NOW), present(matching()), present(tls10()))) {
                        for (ControlPlane plane : ControlPlane.values()) {
                            for (boolean scope : new boolean[] {false, true}) {
                                all.add(new ClassificationInput(
                                        lifecycle(lifecycle),
                                        new Crossplane(mr, inFlight, null),
                                        azure,
                                        plane,
                                        scope,
                                        null,
                                        NOW,
                                        null));
                            }
                        }
                    }
                }
            }
        }
        assertThat(all).hasSize(4 * 6 * 2 * 4 * 2 * 2);
        for (ClassificationInput in : all) {
            assertThatCode(() -> {
                        Classification c = Classifier.classify(in);
                        assertThat(c.listed() == (c.state() != null)).isTrue();
                        assertThat(c.cloudOnlyReason() != null).isEqualTo(c.state() == AccountState.CLOUD_ONLY);
                        assertThat(Classifier.classify(in)).as("pure").isEqualTo(c);
                    })
                    .as(in.toString())
                    .doesNotThrowAnyException();
        }
    }
}
