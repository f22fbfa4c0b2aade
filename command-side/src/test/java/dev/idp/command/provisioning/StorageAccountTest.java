package dev.idp.command.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.error.DomainException;
import dev.idp.kernel.error.ErrorCode;
import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.storageaccount.AccountKind;
import dev.idp.kernel.storageaccount.AccountTier;
import dev.idp.kernel.storageaccount.ChangeStorageAccountSpecCommand;
import dev.idp.kernel.storageaccount.DecommissionStorageAccountCommand;
import dev.idp.kernel.storageaccount.Owner;
import dev.idp.kernel.storageaccount.PublicNetworkAccess;
import dev.idp.kernel.storageaccount.ReplicationType;
import dev.idp.kernel.storageaccount.RequestAccepted;
import dev.idp.kernel.storageaccount.StorageAccountDecommissionRequestedEvent;
import dev.idp.kernel.storageaccount.StorageAccountRequest;
import dev.idp.kernel.storageaccount.StorageAccountRequestedEvent;
import dev.idp.kernel.storageaccount.StorageAccountSpec;
import dev.idp.kernel.storageaccount.StorageAccountSpecChangeRequestedEvent;
import dev.idp.kernel.storageaccount.SubmissionAccepted;
import dev.idp.kernel.storageaccount.SubmitStorageAccountCommand;
import dev.idp.kernel.storageaccount.TlsVersion;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rule of the storage-account aggregate and its submission handler, given/when/expect. */
class StorageAccountTest {

    static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
    static final Owner OWNER = new Owner("payments", "alice@example.com");

    AggregateTestFixture<StorageAccount> fixture;
    InMemoryRequestLedger ledger;
    InMemoryAccountNames names;

    final ResourceId resourceId = ResourceId.random();
    final RequestId requestId = RequestId.random();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StorageAccount.class);
        ledger = new InMemoryRequestLedger();
        names = new InMemoryAccountNames();
        fixture.registerInjectableResource(ledger);
        fixture.registerAnnotatedCommandHandler(new SubmissionHandler(fixture.getRepository(), ledger, names));
    }

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
                Map.of("cost-center", "cc-1234"));
    }

    static StorageAccountRequest request(String name) {
        return new StorageAccountRequest(
                "storage-account", SUBSCRIPTION, "rg-payments", name, OWNER, spec(TlsVersion.TLS1_2));
    }

    StorageAccountRequestedEvent requested() {
        StorageAccountRequest request = request("stpayments001");
        return new StorageAccountRequestedEvent(
                resourceId,
                requestId,
                "storage-account",
                SUBSCRIPTION,
                "rg-payments",
                "stpayments001",
                ArmId.ofStorageAccount(SUBSCRIPTION, "rg-payments", "stpayments001"),
                OWNER,
                request.spec());
    }

    @Test
    void recordsASubmissionWithItsArmIdComputed() {
        fixture.givenNoPriorActivity()
                .when(new SubmitStorageAccountCommand(resourceId, requestId, request("stpayments001")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(requested())
                .expectResultMessagePayload(new SubmissionAccepted(
                        resourceId,
                        requestId,
                        ArmId.ofStorageAccount(SUBSCRIPTION, "rg-payments", "stpayments001"),
                        false));
    }

    @Test
    void answersARepeatedSubmissionWithTheFirstResourceAndAppendsNothing() {
        earlierSubmission(request("stpayments001"));
        ResourceId retryResource = ResourceId.random();
        fixture.givenNoPriorActivity()
                .when(new SubmitStorageAccountCommand(retryResource, requestId, request("stpayments001")))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.equalTo(new SubmissionAccepted(
                        resourceId,
                        requestId,
                        ArmId.ofStorageAccount(SUBSCRIPTION, "rg-payments", "stpayments001"),
                        true)));
    }

    @Test
    void rejectsARepeatedRequestIdWithADifferentBody() {
        earlierSubmission(request("stpayments001"));
        fixture.givenNoPriorActivity()
                .when(new SubmitStorageAccountCommand(ResourceId.random(), requestId, request("stpayments002")))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("already used"));
    }

    @Test
    void rejectsANameHeldByAnotherResource() {
        names.reserve("stpayments001", ResourceId.random());
        fixture.givenNoPriorActivity()
                .when(new SubmitStorageAccountCommand(resourceId, requestId, request("stpayments001")))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("is held by resource"));
    }

    @Test
    void recordsASpecChange() {
        RequestId change = RequestId.random();
        fixture.given(requested())
                .when(new ChangeStorageAccountSpecCommand(resourceId, change, spec(TlsVersion.TLS1_3)))
                .expectEvents(new StorageAccountSpecChangeRequestedEvent(
                        resourceId, change, spec(TlsVersion.TLS1_2), spec(TlsVersion.TLS1_3)))
                .expectResultMessagePayload(new RequestAccepted(resourceId, change, false));
    }

    @Test
    void answersARepeatedSpecChangeWithoutAppending() {
        RequestId change = RequestId.random();
        ledger.claim(new RequestLedger.Entry(
                change,
                RequestLedger.RequestType.CHANGE_SPEC,
                resourceId,
                RequestFingerprint.ofSpecChange(resourceId, spec(TlsVersion.TLS1_3))));
        fixture.given(requested())
                .when(new ChangeStorageAccountSpecCommand(resourceId, change, spec(TlsVersion.TLS1_3)))
                .expectNoEvents()
                .expectResultMessagePayload(new RequestAccepted(resourceId, change, true));
    }

    @Test
    void rejectsAChangeRequestIdUsedForSomethingElse() {
        RequestId change = RequestId.random();
        ledger.claim(new RequestLedger.Entry(
                change,
                RequestLedger.RequestType.CHANGE_SPEC,
                resourceId,
                RequestFingerprint.ofSpecChange(resourceId, spec(TlsVersion.TLS1_3))));
        fixture.given(requested())
                .when(new ChangeStorageAccountSpecCommand(resourceId, change, spec(TlsVersion.TLS1_1)))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("already used"));
    }

    @Test
    void rejectsChangesAzureCannotMakeToAnExistingAccount() {
        StorageAccountSpec moved = new StorageAccountSpec(
                "northeurope",
                AccountKind.BlobStorage,
                AccountTier.Premium,
                ReplicationType.ZRS,
                null,
                TlsVersion.TLS1_2,
                PublicNetworkAccess.Disabled,
                false,
                false,
                false,
                Map.of());
        fixture.given(requested())
                .when(new ChangeStorageAccountSpecCommand(resourceId, RequestId.random(), moved))
                .expectNoEvents()
                .expectException(org.hamcrest.Matchers.<Throwable>allOf(
                        org.hamcrest.Matchers.instanceOf(DomainException.class),
                        org.hamcrest.Matchers.hasToString(org.hamcrest.Matchers.containsString("3 fields"))));
    }

    @Test
    void refusesChangesAfterDecommission() {
        fixture.given(requested(), new StorageAccountDecommissionRequestedEvent(resourceId, RequestId.random()))
                .when(new ChangeStorageAccountSpecCommand(resourceId, RequestId.random(), spec(TlsVersion.TLS1_3)))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("decommission"));
    }

    @Test
    void recordsADecommission() {
        RequestId decommission = RequestId.random();
        fixture.given(requested())
                .when(new DecommissionStorageAccountCommand(resourceId, decommission))
                .expectEvents(new StorageAccountDecommissionRequestedEvent(resourceId, decommission))
                .expectResultMessagePayload(new RequestAccepted(resourceId, decommission, false));
    }

    @Test
    void answersASecondDecommissionWithTheFirstRequest() {
        RequestId first = RequestId.random();
        fixture.given(requested(), new StorageAccountDecommissionRequestedEvent(resourceId, first))
                .when(new DecommissionStorageAccountCommand(resourceId, RequestId.random()))
                .expectNoEvents()
                .expectResultMessagePayload(new RequestAccepted(resourceId, first, true));
    }

    @Test
    void mapsEachDomainErrorToItsCode() {
        assertThat(StorageAccount.requestIdConflict(requestId).code()).isEqualTo(ErrorCode.REQUEST_ID_CONFLICT);
    }

    /** What the ledger holds after a submission committed earlier (a retry finds it there). */
    private void earlierSubmission(StorageAccountRequest request) {
        ledger.claim(new RequestLedger.Entry(
                requestId, RequestLedger.RequestType.SUBMIT, resourceId, RequestFingerprint.of(request)));
        names.reserve(request.name(), resourceId);
    }
}
