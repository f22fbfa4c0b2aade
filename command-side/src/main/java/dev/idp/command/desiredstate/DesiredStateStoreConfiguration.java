package dev.idp.command.desiredstate;

import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the {@link DesiredStateStore} from {@link DesiredStateProperties}: Azure Blob Storage when it is fully
 * configured, the filesystem when it is not configured at all, and a startup failure when it is half configured (a
 * silently local archive in production would be worse than not starting). The store is always wrapped in {@link
 * RetryingDesiredStateStore}.
 *
 * <p>Azure is reached with {@code DefaultAzureCredential} (workload identity, managed identity, Azure CLI, ...), never
 * with an account key.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DesiredStateProperties.class)
public class DesiredStateStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DesiredStateStoreConfiguration.class);

    static final String ACCOUNT_URL_VARIABLE = "IDP_DESIRED_STATE_AZURE_BLOB_ACCOUNT_URL";
    static final String CONTAINER_VARIABLE = "IDP_DESIRED_STATE_AZURE_BLOB_CONTAINER";
    static final String FILESYSTEM_PATH_VARIABLE = "IDP_DESIRED_STATE_FILESYSTEM_PATH";

    /** Azure's rule: 3 to 63 lower-case letters, digits and single hyphens, starting and ending alphanumeric. */
    private static final Pattern CONTAINER_NAME = Pattern.compile("(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    @Bean
    DesiredStateStore desiredStateStore(DesiredStateProperties properties) {
        DesiredStateStore store = backingStore(properties);
        DesiredStateProperties.Retry retry = properties.retry();
        RetryingDesiredStateStore retrying =
                new RetryingDesiredStateStore(store, retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff());
        log.info(
                "Desired-state documents are kept in {} (up to {} attempts, backoff {} ms to {} ms)",
                retrying.describe(),
                retry.maxAttempts(),
                retry.initialBackoff().toMillis(),
                retry.maxBackoff().toMillis());
        return retrying;
    }

    static DesiredStateStore backingStore(DesiredStateProperties properties) {
        DesiredStateProperties.Azure azure = properties.azureBlob();
        String accountUrl = azure == null ? null : trimToNull(azure.accountUrl());
        String container = azure == null ? null : trimToNull(azure.container());
        if (accountUrl != null && container != null) {
            return new BlobDesiredStateStore(azureContainer(accountUrl, container));
        }
        if (accountUrl != null || container != null) {
            throw new IllegalStateException(
                    "Azure Blob Storage for desired-state documents is half configured: set both "
                            + ACCOUNT_URL_VARIABLE + " (idp.desired-state.azure-blob.account-url) and "
                            + CONTAINER_VARIABLE
                            + " (idp.desired-state.azure-blob.container) to use Azure, or neither to use the filesystem; "
                            + "now only " + (accountUrl != null ? ACCOUNT_URL_VARIABLE : CONTAINER_VARIABLE)
                            + " is set");
        }
        Path path = properties.filesystemPath();
        if (path == null) {
            throw new IllegalStateException("No storage for desired-state documents: set " + FILESYSTEM_PATH_VARIABLE
                    + " (idp.desired-state.filesystem-path), or " + ACCOUNT_URL_VARIABLE + " and " + CONTAINER_VARIABLE
                    + " for Azure Blob Storage");
        }
        return new FilesystemDesiredStateStore(path.toAbsolutePath().normalize());
    }

    private static BlobContainerClient azureContainer(String accountUrl, String container) {
        if (!CONTAINER_NAME.matcher(container).matches()) {
            throw new IllegalStateException(CONTAINER_VARIABLE + " (idp.desired-state.azure-blob.container) \""
                    + container + "\" is not a valid container name: 3 to 63 lower-case letters, digits and single"
                    + " hyphens, starting and ending with a letter or digit");
        }
        return new BlobServiceClientBuilder()
                .endpoint(accountUrl)
                .credential(new DefaultAzureCredentialBuilder().build())
                // One try per call, bounded in time: RetryingDesiredStateStore is the one retry policy, so the
                // back-off configured under idp.desired-state.retry is the one that applies.
                .retryOptions(
                        new RequestRetryOptions(RetryPolicyType.FIXED, 1, Duration.ofSeconds(30), null, null, null))
                .buildClient()
                .getBlobContainerClient(container);
    }

    private static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
