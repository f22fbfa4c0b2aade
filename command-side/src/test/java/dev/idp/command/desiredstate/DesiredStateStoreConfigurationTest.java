package dev.idp.command.desiredstate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DesiredStateStoreConfigurationTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(DesiredStateStoreConfiguration.class);

    @TempDir
    Path tempDir;

    @Test
    void usesTheFilesystemWhenAzureIsNotConfigured() {
        runner.withPropertyValues(
                        // As application.yml resolves unset environment variables.
                        "idp.desired-state.azure-blob.account-url=",
                        "idp.desired-state.azure-blob.container=",
                        "idp.desired-state.filesystem-path=" + tempDir.resolve("ds"),
                        "idp.desired-state.retry.max-attempts=5",
                        "idp.desired-state.retry.initial-backoff=200ms",
                        "idp.desired-state.retry.max-backoff=10s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DesiredStateStore store = context.getBean(DesiredStateStore.class);
                    assertThat(store).isInstanceOf(RetryingDesiredStateStore.class);
                    assertThat(store.describe()).isEqualTo("filesystem " + tempDir.resolve("ds"));
                    DesiredStateProperties properties = context.getBean(DesiredStateProperties.class);
                    assertThat(properties.retry())
                            .isEqualTo(new DesiredStateProperties.Retry(
                                    5, Duration.ofMillis(200), Duration.ofSeconds(10)));
                });
    }

    @Test
    void defaultsWithoutAnyProperty() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(DesiredStateStore.class).describe())
                    .isEqualTo("filesystem "
                            + Path.of("./.idp/desired-state").toAbsolutePath().normalize());
            assertThat(context.getBean(DesiredStateProperties.class).retry())
                    .isEqualTo(new DesiredStateProperties.Retry(5, Duration.ofMillis(200), Duration.ofSeconds(10)));
        });
    }

    @Test
    void relativeFilesystemPathIsMadeAbsolute() {
        runner.withPropertyValues("idp.desired-state.filesystem-path=target/../some/dir")
                .run(context -> assertThat(
                                context.getBean(DesiredStateStore.class).describe())
                        .isEqualTo("filesystem " + Path.of("some/dir").toAbsolutePath()));
    }

    @Test
    void usesAzureBlobStorageWhenBothAreSet() {
        runner.withPropertyValues(
                        "idp.desired-state.azure-blob.account-url=https://acct.blob.core.windows.net",
                        "idp.desired-state.azure-blob.container=desired-state")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DesiredStateStore store = context.getBean(DesiredStateStore.class);
                    assertThat(store).isInstanceOf(RetryingDesiredStateStore.class);
                    assertThat(store.describe())
                            .isEqualTo("azure-blob https://acct.blob.core.windows.net/desired-state");
                });
    }

    @Test
    void failsAtStartupWhenOnlyTheAccountUrlIsSet() {
        runner.withPropertyValues(
                        "idp.desired-state.azure-blob.account-url=https://acct.blob.core.windows.net",
                        "idp.desired-state.azure-blob.container= ")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("IDP_DESIRED_STATE_AZURE_BLOB_ACCOUNT_URL")
                        .hasMessageContaining("IDP_DESIRED_STATE_AZURE_BLOB_CONTAINER")
                        .hasMessageContaining("half configured"));
    }

    @Test
    void failsAtStartupWhenOnlyTheContainerIsSet() {
        runner.withPropertyValues("idp.desired-state.azure-blob.container=desired-state")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("IDP_DESIRED_STATE_AZURE_BLOB_ACCOUNT_URL")
                        .hasMessageContaining("IDP_DESIRED_STATE_AZURE_BLOB_CONTAINER"));
    }

    @Test
    void failsAtStartupOnAnInvalidContainerName() {
        runner.withPropertyValues(
                        "idp.desired-state.azure-blob.account-url=https://acct.blob.core.windows.net",
                        "idp.desired-state.azure-blob.container=Desired_State")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("IDP_DESIRED_STATE_AZURE_BLOB_CONTAINER")
                        .hasMessageContaining("not a valid container name"));
    }

    @Test
    void failsAtStartupOnNonsenseRetrySettings() {
        runner.withPropertyValues("idp.desired-state.retry.max-attempts=0")
                .run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("maxAttempts"));
    }
}
