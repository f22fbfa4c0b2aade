package dev.idp.command.desiredstate;

import com.azure.core.http.rest.Response;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps desired-state documents as blobs {@code <resourceId>.json} ({@code application/json}) in one Azure Blob Storage
 * container, the production home of the archive: it outlives any cluster.
 *
 * <p><b>Atomicity.</b> Each write is a single Put Blob request (never a staged block list), which Azure applies
 * atomically: a reader gets the whole old blob or the whole new one. The body carries its MD5, so a body damaged in
 * transit is refused rather than stored. A read is a single Get Blob whose content and ETag belong together.
 *
 * <p><b>Versions.</b> The version is the blob's ETag. A write is conditional: {@code If-None-Match: *} when the caller
 * expects no document, {@code If-Match: <etag>} otherwise; a failed condition (412 ConditionNotMet, 409
 * BlobAlreadyExists, or 404 when the expected blob is gone) becomes {@link ConcurrentDocumentUpdateException}. Unlike
 * the filesystem store this is safe with any number of writers in any number of processes.
 *
 * <p>The container is created when a write finds it missing (tolerating a concurrent creation). Other failures are
 * wrapped in {@link DesiredStateStoreException} with the SDK's exception as the cause, whose HTTP status {@link
 * RetryingDesiredStateStore} uses to tell transient failures from permanent ones.
 */
public final class BlobDesiredStateStore implements DesiredStateStore {

    private static final Logger log = LoggerFactory.getLogger(BlobDesiredStateStore.class);

    private static final String CONTENT_TYPE = "application/json";

    private final BlobContainerClient container;

    /**
     * @param container the container of the documents; the caller chooses endpoint, credential and HTTP options
     */
    public BlobDesiredStateStore(BlobContainerClient container) {
        this.container = Objects.requireNonNull(container, "container");
    }

    @Override
    public Optional<StoredDocument> read(String resourceId) {
        String name = blobName(resourceId);
        try {
            BlobDownloadContentResponse response =
                    container.getBlobClient(name).downloadContentWithResponse(null, null, null, Context.NONE);
            byte[] json = response.getValue().toBytes();
            return Optional.of(
                    new StoredDocument(json, response.getDeserializedHeaders().getETag()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                // BlobNotFound, or ContainerNotFound before the first write.
                return Optional.empty();
            }
            throw failure("read", name, e);
        } catch (RuntimeException e) {
            throw failure("read", name, e);
        }
    }

    @Override
    public String write(String resourceId, byte[] json, String expectedVersion) {
        String name = blobName(resourceId);
        Objects.requireNonNull(json, "json");
        BlockBlobClient blob = container.getBlobClient(name).getBlockBlobClient();
        BlockBlobSimpleUploadOptions upload = new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(json))
                .setHeaders(new BlobHttpHeaders().setContentType(CONTENT_TYPE))
                .setContentMd5(md5(json))
                .setRequestConditions(
                        expectedVersion == null
                                ? new BlobRequestConditions().setIfNoneMatch("*")
                                : new BlobRequestConditions().setIfMatch(expectedVersion));
        try {
            return upload(blob, upload);
        } catch (BlobStorageException e) {
            if (!BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode())) {
                throw writeFailure(name, expectedVersion, e);
            }
        } catch (RuntimeException e) {
            throw failure("write", name, e);
        }
        createContainer();
        try {
            return upload(blob, upload);
        } catch (BlobStorageException e) {
            throw writeFailure(name, expectedVersion, e);
        } catch (RuntimeException e) {
            throw failure("write", name, e);
        }
    }

    @Override
    public String describe() {
        return "azure-blob " + container.getBlobContainerUrl();
    }

    private static String upload(BlockBlobClient blob, BlockBlobSimpleUploadOptions upload) {
        Response<BlockBlobItem> response = blob.uploadWithResponse(upload, null, Context.NONE);
        return response.getValue().getETag();
    }

    private void createContainer() {
        try {
            container.create();
            log.info("Created desired-state container {}", container.getBlobContainerUrl());
        } catch (BlobStorageException e) {
            if (!BlobErrorCode.CONTAINER_ALREADY_EXISTS.equals(e.getErrorCode())) {
                throw new DesiredStateStoreException(
                        "Could not create desired-state container " + container.getBlobContainerUrl() + ": "
                                + describe(e),
                        e);
            }
        } catch (RuntimeException e) {
            throw new DesiredStateStoreException(
                    "Could not create desired-state container " + container.getBlobContainerUrl(), e);
        }
    }

    private RuntimeException writeFailure(String name, String expectedVersion, BlobStorageException e) {
        BlobErrorCode code = e.getErrorCode();
        boolean conflict = BlobErrorCode.CONDITION_NOT_MET.equals(code)
                || BlobErrorCode.BLOB_ALREADY_EXISTS.equals(code)
                || (expectedVersion != null && BlobErrorCode.BLOB_NOT_FOUND.equals(code));
        if (conflict) {
            return new ConcurrentDocumentUpdateException(
                    "Desired-state blob " + container.getBlobContainerUrl() + "/" + name + " is not at the expected "
                            + (expectedVersion == null ? "state <absent>" : "version " + expectedVersion) + " ("
                            + describe(e) + ")",
                    e);
        }
        return failure("write", name, e);
    }

    private DesiredStateStoreException failure(String operation, String name, RuntimeException e) {
        String reason = e instanceof BlobStorageException storage ? ": " + describe(storage) : "";
        return new DesiredStateStoreException(
                "Could not " + operation + " desired-state blob " + container.getBlobContainerUrl() + "/" + name
                        + reason,
                e);
    }

    private static String describe(BlobStorageException e) {
        return "HTTP " + e.getStatusCode() + " " + e.getErrorCode();
    }

    private static String blobName(String resourceId) {
        return ResourceIds.canonical(resourceId) + ".json";
    }

    private static byte[] md5(byte[] json) {
        try {
            return MessageDigest.getInstance("MD5").digest(json);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }
}
