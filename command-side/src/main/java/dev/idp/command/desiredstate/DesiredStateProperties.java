package dev.idp.command.desiredstate;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the desired-state documents go ({@code idp.desired-state.*}): Azure Blob Storage when both {@code
 * azure-blob.account-url} and {@code azure-blob.container} are set, the filesystem at {@code filesystem-path}
 * otherwise; and how failures of either are retried.
 *
 * @param azureBlob the Azure Blob Storage container; both values blank for the filesystem
 * @param filesystemPath the directory used when Azure is not configured; relative paths are taken from the working
 *     directory
 * @param retry how transient storage failures are retried
 */
@ConfigurationProperties("idp.desired-state")
public record DesiredStateProperties(
        @DefaultValue Azure azureBlob,
        @DefaultValue("./.idp/desired-state") Path filesystemPath,
        @DefaultValue Retry retry) {

    /**
     * @param accountUrl the Blob service endpoint, e.g. {@code https://acct.blob.core.windows.net}
     * @param container the container name
     */
    public record Azure(String accountUrl, String container) {}

    /**
     * @param maxAttempts attempts per operation, including the first
     * @param initialBackoff the pause after the first failure
     * @param maxBackoff the longest pause
     */
    public record Retry(
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("10s") Duration maxBackoff) {}
}
