package dev.idp.command.desiredstate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps desired-state documents as files {@code <root>/<resourceId>.json}, for local development, the sandbox and
 * installations without Azure.
 *
 * <p><b>Atomicity.</b> A write goes to a temporary file {@code .<resourceId>.json.tmp-<random>} in the same directory,
 * which is forced to disk, then renamed over the document with {@link StandardCopyOption#ATOMIC_MOVE}, and the directory
 * is forced too so that the rename survives a power loss. A reader therefore sees the old or the new file, never a
 * mixture. A crash can leave a temporary file behind: it is never read as a document (readers only open {@code
 * <resourceId>.json}) and the first write of each store instance deletes the leftovers.
 *
 * <p><b>Versions.</b> The version is the first 16 hex digits of the SHA-256 of the document's bytes, so it needs no
 * extra state and survives restarts. Writing back a document that is byte for byte the same as an older one yields the
 * older version again; that is harmless for optimistic concurrency, since the caller read exactly the content that is
 * there.
 *
 * <p><b>Concurrency.</b> The compare-and-rename is guarded by per-resource locks (striped, and shared by all instances in
 * the JVM). This assumes a single writing JVM per directory: two processes writing the same directory are not protected
 * against lost updates. Readers take no lock.
 *
 * <p>Resource ids are validated as UUIDs before they become file names, so no id can reach outside the root.
 */
public final class FilesystemDesiredStateStore implements DesiredStateStore {

    private static final Logger log = LoggerFactory.getLogger(FilesystemDesiredStateStore.class);

    private static final String SUFFIX = ".json";
    private static final String TEMP_INFIX = ".json.tmp-";
    private static final Pattern TEMP_FILE =
            Pattern.compile("\\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.json\\.tmp-.*");
    private static final int VERSION_HEX_DIGITS = 16;

    /** Static, so that two instances on the same directory in one JVM still exclude each other. */
    private static final ReentrantLock[] LOCKS = new ReentrantLock[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new ReentrantLock();
        }
    }

    private final Path root;
    private volatile boolean prepared;

    /**
     * @param root the directory of the documents; created with its parents on the first write if missing
     */
    public FilesystemDesiredStateStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    @Override
    public Optional<StoredDocument> read(String resourceId) {
        Path file = documentFile(ResourceIds.canonical(resourceId));
        try {
            return readIfExists(file).map(bytes -> new StoredDocument(bytes, version(bytes)));
        } catch (IOException e) {
            throw new DesiredStateStoreException("Could not read desired-state document " + file, e);
        }
    }

    @Override
    public String write(String resourceId, byte[] json, String expectedVersion) {
        String id = ResourceIds.canonical(resourceId);
        Objects.requireNonNull(json, "json");
        Path file = documentFile(id);
        try {
            // Before taking the resource's lock: preparing takes the locks of other resources, one at a time.
            prepare();
            // Again on each write, in case the directory was removed while the application ran.
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new DesiredStateStoreException("Could not prepare desired-state directory " + root, e);
        }
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            String currentVersion =
                    readIfExists(file).map(FilesystemDesiredStateStore::version).orElse(null);
            if (!Objects.equals(currentVersion, expectedVersion)) {
                throw new ConcurrentDocumentUpdateException("Desired-state document " + file + " is at version "
                        + (currentVersion == null ? "<absent>" : currentVersion) + ", the write expected "
                        + (expectedVersion == null ? "<absent>" : expectedVersion));
            }
            replaceAtomically(id, file, json);
            return version(json);
        } catch (IOException e) {
            throw new DesiredStateStoreException("Could not write desired-state document " + file, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String describe() {
        return "filesystem " + root;
    }

    private Path documentFile(String canonicalId) {
        return root.resolve(canonicalId + SUFFIX);
    }

    private static Optional<byte[]> readIfExists(Path file) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private void replaceAtomically(String id, Path file, byte[] json) throws IOException {
        Path temp = createTempFile(id);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(json);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            deleteAfterFailure(temp, e);
            throw e;
        }
        forceDirectory();
    }

    private Path createTempFile(String id) throws IOException {
        FileAlreadyExistsException collision = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path temp = root.resolve("." + id + TEMP_INFIX
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
            try {
                Files.createFile(temp);
                return temp;
            } catch (FileAlreadyExistsException e) {
                collision = e;
            }
        }
        throw collision;
    }

    private static void deleteAfterFailure(Path temp, Throwable failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Makes the rename durable: without it, a power loss can forget the new directory entry. */
    private void forceDirectory() {
        try (FileChannel directory = FileChannel.open(root, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory, some filesystems refuse to fsync one; the rename
            // itself is still atomic there.
            log.debug("Could not fsync directory {}: {}", root, e.toString());
        }
    }

    /** Creates the root and removes temporary files left by a crash, once per instance. */
    private void prepare() throws IOException {
        if (prepared) {
            return;
        }
        synchronized (this) {
            if (prepared) {
                return;
            }
            Files.createDirectories(root);
            removeLeftoverTempFiles();
            prepared = true;
        }
    }

    private void removeLeftoverTempFiles() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, ".*" + TEMP_INFIX + "*")) {
            for (Path entry : entries) {
                Matcher matcher = TEMP_FILE.matcher(entry.getFileName().toString());
                if (matcher.matches()) {
                    removeLeftover(matcher.group(1), entry);
                }
            }
        }
    }

    /**
     * Deletes a temporary file under its resource's lock: a writer holds that lock from creating its temporary file to
     * renaming it, so a temporary file seen under the lock is not in use by this JVM.
     */
    private static void removeLeftover(String id, Path entry) {
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            Files.deleteIfExists(entry);
            log.info("Removed leftover temporary file {} of an interrupted desired-state write", entry);
        } catch (IOException e) {
            log.warn("Could not remove leftover temporary file {}; it is never read as a document", entry, e);
        } finally {
            lock.unlock();
        }
    }

    private static ReentrantLock lockFor(String canonicalId) {
        return LOCKS[Math.floorMod(canonicalId.hashCode(), LOCKS.length)];
    }

    static String version(byte[] json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest).substring(0, VERSION_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
