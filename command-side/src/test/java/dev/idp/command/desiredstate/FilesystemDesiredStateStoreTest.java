package dev.idp.command.desiredstate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FilesystemDesiredStateStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tempDir;

    private final String id = UUID.randomUUID().toString();

    @Test
    void roundTrip() {
        FilesystemDesiredStateStore store = new FilesystemDesiredStateStore(tempDir.resolve("nested/desired-state"));

        String v1 = store.write(id, bytes("{\"sku\":\"Standard_LRS\"}"), null);
        assertThat(store.read(id)).contains(new StoredDocument(bytes("{\"sku\":\"Standard_LRS\"}"), v1));

        String v2 = store.write(id, bytes("{\"sku\":\"Standard_ZRS\"}"), v1);
        assertThat(v2).isNotEqualTo(v1).hasSize(16).matches("[0-9a-f]{16}");
        assertThat(store.read(id)).contains(new StoredDocument(bytes("{\"sku\":\"Standard_ZRS\"}"), v2));
        assertThat(tempDir.resolve("nested/desired-state/" + id + ".json")).hasContent("{\"sku\":\"Standard_ZRS\"}");
    }

    @Test
    void upperCaseIdsNameTheSameDocument() {
        FilesystemDesiredStateStore store = new FilesystemDesiredStateStore(tempDir);

        String version = store.write(id.toUpperCase(), bytes("{}"), null);

        assertThat(store.read(id)).contains(new StoredDocument(bytes("{}"), version));
        assertThat(tempDir.resolve(id + ".json")).exists();
    }

    @Test
    void absentDocumentReadsAsEmpty() {
        assertThat(new FilesystemDesiredStateStore(tempDir).read(id)).isEmpty();
        assertThat(new FilesystemDesiredStateStore(tempDir.resolve("not-created-yet")).read(id))
                .isEmpty();
        assertThat(tempDir.resolve("not-created-yet")).doesNotExist();
    }

    @Test
    void describesItsAbsoluteRoot() {
        FilesystemDesiredStateStore store = new FilesystemDesiredStateStore(tempDir.resolve("a/../b"));

        assertThat(store.describe())
                .isEqualTo("filesystem " + tempDir.resolve("b").toAbsolutePath());
    }

    @Test
    void staleVersionIsRejected() {
        FilesystemDesiredStateStore store = new FilesystemDesiredStateStore(tempDir);
        String v1 = store.write(id, bytes("{\"n\":1}"), null);
        String v2 = store.write(id, bytes("{\"n\":2}"), v1);

        assertThatThrownBy(() -> store.write(id, bytes("{\"n\":3}"), v1))
                .isInstanceOf(ConcurrentDocumentUpdateException.class)
                .hasMessageContaining(v1)
                .hasMessageContaining(v2);
        assertThat(store.read(id)).contains(new StoredDocument(bytes("{\"n\":2}"), v2));
    }

    @Test
    void creatingAnExistingDocumentIsRejected() {
        FilesystemDesiredStateStore store = new FilesystemDesiredStateStore(tempDir);
        String v1 = store.write(id, bytes("{\"n\":1}"), null);

        assertThatThrownBy(() -> store.write(id, bytes("{\"n\":2}"), null))
                .isInstanceOf(ConcurrentDocumentUpdateException.class);
        assertThat(store.read(id)).contains(new StoredDocument(bytes("{\"n\":1}"), v1));
    }

    @Test
    void updatingAnAbsentDocumentIsRejected() {
        FilesystemDesiredStateStore store = new FilesystemDesiredStateStore(tempDir);

        assertThatThrownBy(() -> store.write(id, bytes("{}"), "0123456789abcdef"))
                .isInstanceOf(ConcurrentDocumentUpdateException.class);
        assertThat(store.read(id)).isEmpty();
    }

    @Test
    void leftoverTempFilesOfACrashAreNeverReadAndDoNotBreakTheNextWrite() throws IOException {
        FilesystemDesiredStateStore before = new FilesystemDesiredStateStore(tempDir);
        String v1 = before.write(id, bytes("{\"n\":1}"), null);
        String other = UUID.randomUUID().toString();
        // A crash after the temp file was fully written but before the rename, and one in the middle of writing.
        Path complete = Files.write(tempDir.resolve("." + id + ".json.tmp-0123456789abcdef"), bytes("{\"n\":2}"));
        Path half = Files.write(tempDir.resolve("." + id + ".json.tmp-fedcba9876543210"), bytes("{\"n\":"));
        Path onlyTemp = Files.write(tempDir.resolve("." + other + ".json.tmp-00"), bytes("{\"n\":"));
        Path unrelated = Files.write(tempDir.resolve("README.txt"), bytes("not ours"));

        FilesystemDesiredStateStore afterRestart = new FilesystemDesiredStateStore(tempDir);
        assertThat(afterRestart.read(id)).contains(new StoredDocument(bytes("{\"n\":1}"), v1));
        assertThat(afterRestart.read(other)).isEmpty();

        String v3 = afterRestart.write(id, bytes("{\"n\":3}"), v1);
        assertThat(afterRestart.read(id)).contains(new StoredDocument(bytes("{\"n\":3}"), v3));
        assertThat(afterRestart.read(other)).isEmpty();
        assertThat(afterRestart.write(other, bytes("{}"), null)).isNotBlank();
        assertThat(complete).doesNotExist();
        assertThat(half).doesNotExist();
        assertThat(onlyTemp).doesNotExist();
        assertThat(unrelated).hasContent("not ours");
        assertThat(listNames(tempDir)).containsExactlyInAnyOrder(id + ".json", other + ".json", "README.txt");
    }

    @Test
    void recreatesTheRootIfItWasRemovedWhileRunning() throws IOException {
        Path root = tempDir.resolve("root");
        FilesystemDesiredStateStore store = new FilesystemDesiredStateStore(root);
        store.write(id, bytes("{}"), null);
        Files.delete(root.resolve(id + ".json"));
        Files.delete(root);

        assertThat(store.read(id)).isEmpty();
        String version = store.write(id, bytes("{\"n\":1}"), null);
        assertThat(store.read(id)).contains(new StoredDocument(bytes("{\"n\":1}"), version));
    }

    @Test
    void successfulWritesLeaveNoTempFiles() throws IOException {
        FilesystemDesiredStateStore store = new FilesystemDesiredStateStore(tempDir);
        String version = null;
        for (int i = 0; i < 5; i++) {
            version = store.write(id, bytes("{\"n\":" + i + "}"), version);
        }

        assertThat(listNames(tempDir)).containsExactly(id + ".json");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "../x",
                "a/b",
                "..",
                ".",
                "/etc/passwd",
                "..\\x",
                "C:\\x",
                "%2e%2e%2fx",
                " 123e4567-e89b-12d3-a456-426614174000",
                "123e4567-e89b-12d3-a456-426614174000\n",
                "123e4567-e89b-12d3-a456-426614174000/../../x",
                "../123e4567-e89b-12d3-a456-426614174000",
                "123e4567e89b12d3a456426614174000",
                "123e4567-e89b-12d3-a456-42661417400g",
                "１２３e4567-e89b-12d3-a456-426614174000"
            })
    void hostileResourceIdsAreRejected(String hostile) throws IOException {
        Path root = Files.createDirectories(tempDir.resolve("root"));
        FilesystemDesiredStateStore store = new FilesystemDesiredStateStore(root);

        assertThatThrownBy(() -> store.read(hostile)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.write(hostile, bytes("{}"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UUID");
        assertThat(listNames(tempDir)).containsExactly("root");
        assertThat(listNames(root)).isEmpty();
    }

    @Test
    void concurrentReadModifyWriteLosesNoUpdateAndReadersNeverSeeHalfADocument() throws Exception {
        FilesystemDesiredStateStore store = new FilesystemDesiredStateStore(tempDir);
        // Large enough that a non-atomic write would be observable by the reader.
        String padding = "x".repeat(256 * 1024);
        store.write(id, document(0, padding), null);
        int writers = 6;
        int incrementsPerWriter = 25;
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            Future<?> reader = pool.submit(() -> {
                go.await();
                while (writing.get()) {
                    StoredDocument doc = store.read(id).orElseThrow();
                    JsonNode node = JSON.readTree(doc.json());
                    assertThat(node.get("padding").asText()).isEqualTo(padding);
                    assertThat(FilesystemDesiredStateStore.version(doc.json())).isEqualTo(doc.version());
                    reads.incrementAndGet();
                }
                return null;
            });
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < incrementsPerWriter; i++) {
                        while (true) {
                            StoredDocument current = store.read(id).orElseThrow();
                            int counter =
                                    JSON.readTree(current.json()).get("counter").asInt();
                            try {
                                store.write(id, document(counter + 1, padding), current.version());
                                break;
                            } catch (ConcurrentDocumentUpdateException e) {
                                conflicts.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
            writing.set(false);
            reader.get(1, TimeUnit.MINUTES);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }

        StoredDocument last = store.read(id).orElseThrow();
        assertThat(JSON.readTree(last.json()).get("counter").asInt()).isEqualTo(writers * incrementsPerWriter);
        assertThat(reads.get()).isPositive();
        assertThat(conflicts.get()).as("the writers did contend").isPositive();
        assertThat(listNames(tempDir)).containsExactly(id + ".json");
    }

    private static byte[] document(int counter, String padding) {
        return bytes("{\"counter\":" + counter + ",\"padding\":\"" + padding + "\"}");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static List<String> listNames(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }
}
