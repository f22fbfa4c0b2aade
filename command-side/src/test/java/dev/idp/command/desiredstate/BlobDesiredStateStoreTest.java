package dev.idp.command.desiredstate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import dev.idp.command.testing.Azurite;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real Azurite blob service, started by the test (see {@link Azurite}). */
class BlobDesiredStateStoreTest {

    private static Azurite azurite;

    private final String id = UUID.randomUUID().toString();

    @BeforeAll
    static void startAzurite() {
        azurite = Azurite.start();
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    private static BlobContainerClient newContainer(Azurite azurite) {
        return azurite.serviceClient().getBlobContainerClient("ds-" + UUID.randomUUID());
    }

    @Test
    void roundTrip() {
        BlobContainerClient container = newContainer(azurite);
        BlobDesiredStateStore store = new BlobDesiredStateStore(container);

        String v1 = store.write(id, bytes("{\"sku\":\"Standard_LRS\"}"), null);
        assertThat(store.read(id)).contains(new StoredDocument(bytes("{\"sku\":\"Standard_LRS\"}"), v1));

        String v2 = store.write(id, bytes("{\"sku\":\"Standard_ZRS\"}"), v1);
        assertThat(v2).isNotEqualTo(v1);
        assertThat(store.read(id)).contains(new StoredDocument(bytes("{\"sku\":\"Standard_ZRS\"}"), v2));

        BlobProperties properties = container.getBlobClient(id + ".json").getProperties();
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(properties.getETag()).isEqualTo(v2);
    }

    @Test
    void upperCaseIdsNameTheSameBlob() {
        BlobContainerClient container = newContainer(azurite);
        BlobDesiredStateStore store = new BlobDesiredStateStore(container);

        String version = store.write(id.toUpperCase(), bytes("{}"), null);

        assertThat(store.read(id)).contains(new StoredDocument(bytes("{}"), version));
        assertThat(container.getBlobClient(id + ".json").exists()).isTrue();
    }

    @Test
    void absentDocumentReadsAsEmpty_alsoBeforeTheContainerExists() {
        BlobContainerClient container = newContainer(azurite);
        BlobDesiredStateStore store = new BlobDesiredStateStore(container);

        assertThat(store.read(id)).isEmpty();
        assertThat(container.exists()).isFalse();

        store.write(UUID.randomUUID().toString(), bytes("{}"), null);
        assertThat(store.read(id)).isEmpty();
    }

    @Test
    void createsTheContainerOnFirstWrite_andToleratesOneCreatedMeanwhile() {
        BlobContainerClient container = newContainer(azurite);
        BlobDesiredStateStore store = new BlobDesiredStateStore(container);
        assertThat(container.exists()).isFalse();

        store.write(id, bytes("{}"), null);
        assertThat(container.exists()).isTrue();

        BlobContainerClient other = newContainer(azurite);
        BlobDesiredStateStore secondStore = new BlobDesiredStateStore(other);
        other.create();
        assertThat(secondStore.write(id, bytes("{}"), null)).isNotBlank();
    }

    @Test
    void staleEtagIsRejected() {
        BlobDesiredStateStore store = new BlobDesiredStateStore(newContainer(azurite));
        String v1 = store.write(id, bytes("{\"n\":1}"), null);
        String v2 = store.write(id, bytes("{\"n\":2}"), v1);

        assertThatThrownBy(() -> store.write(id, bytes("{\"n\":3}"), v1))
                .isInstanceOf(ConcurrentDocumentUpdateException.class)
                .hasMessageContaining("412");
        assertThat(store.read(id)).contains(new StoredDocument(bytes("{\"n\":2}"), v2));
    }

    @Test
    void creatingAnExistingDocumentIsRejected() {
        BlobDesiredStateStore store = new BlobDesiredStateStore(newContainer(azurite));
        String v1 = store.write(id, bytes("{\"n\":1}"), null);

        assertThatThrownBy(() -> store.write(id, bytes("{\"n\":2}"), null))
                .isInstanceOf(ConcurrentDocumentUpdateException.class);
        assertThat(store.read(id)).contains(new StoredDocument(bytes("{\"n\":1}"), v1));
    }

    @Test
    void updatingAnAbsentDocumentIsRejected() {
        BlobContainerClient container = newContainer(azurite);
        BlobDesiredStateStore store = new BlobDesiredStateStore(container);
        String existingVersion = store.write(UUID.randomUUID().toString(), bytes("{}"), null);

        assertThatThrownBy(() -> store.write(id, bytes("{}"), existingVersion))
                .isInstanceOf(ConcurrentDocumentUpdateException.class);
        assertThat(store.read(id)).isEmpty();
    }

    @Test
    void hostileResourceIdsAreRejectedBeforeAnyRequest() {
        BlobDesiredStateStore store = new BlobDesiredStateStore(newContainer(azurite));

        for (String hostile : new String[] {"../x", "a/b", "", "x?comp=list"}) {
            assertThatThrownBy(() -> store.read(hostile)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.write(hostile, bytes("{}"), null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void describesTheContainerUrl() {
        BlobContainerClient container = azurite.serviceClient().getBlobContainerClient("desired-state");

        assertThat(new BlobDesiredStateStore(container).describe())
                .isEqualTo("azure-blob " + azurite.blobEndpoint() + "/desired-state");
    }

    @Test
    void wrongCredentialsFailOnceWithoutRetries() {
        BlobContainerClient container = new BlobServiceClientBuilder()
                .endpoint(azurite.blobEndpoint())
                .credential(new StorageSharedKeyCredential(Azurite.ACCOUNT_NAME, "d3Jvbmcta2V5LXdyb25nLWtleQ=="))
                .retryOptions(
                        new RequestRetryOptions(RetryPolicyType.FIXED, 1, Duration.ofSeconds(30), null, null, null))
                .buildClient()
                .getBlobContainerClient("ds-" + UUID.randomUUID());
        CountingStore counting = new CountingStore(new BlobDesiredStateStore(container));
        RetryingDesiredStateStore store = new RetryingDesiredStateStore(counting, 5, Duration.ZERO, Duration.ZERO);

        assertThatThrownBy(() -> store.write(id, bytes("{}"), null))
                .isInstanceOf(DesiredStateStoreException.class)
                .hasMessageContaining("403");
        assertThat(counting.calls.get()).isEqualTo(1);
    }

    @Test
    void retriesThroughAnOutageUntilAzuriteIsBack() throws Exception {
        try (Azurite flaky = Azurite.start()) {
            CountingStore counting = new CountingStore(new BlobDesiredStateStore(newContainer(flaky)));
            RetryingDesiredStateStore store =
                    new RetryingDesiredStateStore(counting, 30, Duration.ofMillis(100), Duration.ofMillis(500));
            String v1 = store.write(id, bytes("{\"n\":1}"), null);
            counting.calls.set(0);

            flaky.stop();
            CompletableFuture<Void> comeBack = CompletableFuture.runAsync(
                    flaky::restart, CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS));
            String v2 = store.write(id, bytes("{\"n\":2}"), v1);
            comeBack.get(1, TimeUnit.MINUTES);

            assertThat(counting.calls.get()).as("attempts during the outage").isGreaterThan(1);
            assertThat(store.read(id)).contains(new StoredDocument(bytes("{\"n\":2}"), v2));
        }
    }

    @Test
    void retriesWhileTheEndpointIsUnreachableAtFirst() throws Exception {
        try (Azurite late = Azurite.start()) {
            late.stop();
            CountingStore counting = new CountingStore(new BlobDesiredStateStore(newContainer(late)));
            RetryingDesiredStateStore store =
                    new RetryingDesiredStateStore(counting, 30, Duration.ofMillis(100), Duration.ofMillis(500));
            CompletableFuture<Void> comeUp = CompletableFuture.runAsync(
                    late::restart, CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS));

            Optional<StoredDocument> absent = store.read(id);
            comeUp.get(1, TimeUnit.MINUTES);

            assertThat(absent).isEmpty();
            assertThat(counting.calls.get()).as("attempts while unreachable").isGreaterThan(1);
            String version = store.write(id, bytes("{}"), null);
            assertThat(store.read(id)).contains(new StoredDocument(bytes("{}"), version));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    /** Counts the calls that reach the real store, to see how often the decorator tried. */
    private static final class CountingStore implements DesiredStateStore {
        private final DesiredStateStore delegate;
        private final AtomicInteger calls = new AtomicInteger();

        CountingStore(DesiredStateStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<StoredDocument> read(String resourceId) {
            calls.incrementAndGet();
            return delegate.read(resourceId);
        }

        @Override
        public String write(String resourceId, byte[] json, String expectedVersion) {
            calls.incrementAndGet();
            return delegate.write(resourceId, json, expectedVersion);
        }

        @Override
        public String describe() {
            return delegate.describe();
        }
    }
}
