package dev.idp.command.desiredstate;

import java.util.Optional;

/**
 * Where desired-state documents live, outside Kubernetes.
 *
 * <p>The desired-state document is the archive of what each resource should look like, decided by the projector. It is
 * kept outside the cluster so that it survives the loss of the cluster and can be used to rebuild it. There is one JSON
 * document per resource, keyed by the resource id (a UUID string). Implementations never interpret the JSON: they store
 * and return bytes, and guard against lost updates with optimistic concurrency.
 *
 * <p>A caller does read-modify-write: {@link #read} the document and its version, compute the new document, {@link
 * #write} it with the version it read, and on {@link ConcurrentDocumentUpdateException} read again and start over.
 */
public interface DesiredStateStore {

    /**
     * Reads the current document of a resource.
     *
     * @param resourceId a UUID string; anything else is rejected with {@link IllegalArgumentException}
     * @return the document and its version, or {@link Optional#empty()} if the resource has no document yet
     * @throws DesiredStateStoreException if the storage could not be read
     */
    Optional<StoredDocument> read(String resourceId);

    /**
     * Writes atomically: readers see the old or the new document, never half of it.
     *
     * @param resourceId a UUID string; anything else is rejected with {@link IllegalArgumentException}
     * @param json the whole new document
     * @param expectedVersion the version read before, or {@code null} if the document must not exist yet
     * @return the version of the document just written
     * @throws ConcurrentDocumentUpdateException if the current version is not {@code expectedVersion}
     * @throws DesiredStateStoreException if the storage could not be written
     */
    String write(String resourceId, byte[] json, String expectedVersion);

    /**
     * Says where the documents are, for logs: {@code "azure-blob https://acct.blob.core.windows.net/container"} or
     * {@code "filesystem /abs/path"}.
     */
    String describe();
}
