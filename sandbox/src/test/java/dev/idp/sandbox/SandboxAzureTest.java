package dev.idp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.storage.models.StorageAccount;
import dev.idp.command.infrastructure.azure.AzureClients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox points the service's real Azure clients at its emulator by configuration alone: the beans the service
 * uses reach the emulator over TLS as the service's own principal, and the emulator keeps its accounts across a
 * restart of the sandbox.
 */
class SandboxAzureTest {

    @TempDir
    Path data;

    @Test
    void theServicesOwnAzureClientsReachTheEmulator() throws Exception {
        SandboxTesting.openToPostgres(data);
        SandboxMain.Running sandbox = SandboxMain.start(
                new SandboxOptions(data, false, "127.0.0.1", 0), SandboxTesting.ONLY_REQUESTED_SWEEPS);
        try {
            sandbox.azure().seed(SandboxMain.OBSERVED_SUBSCRIPTION, "rg-outside", 3, "stoutside", Map.of());
            AzureClients clients = sandbox.context().getBean(AzureClients.class);

            var inventory = clients.resourceGraph()
                    .resourceProviders()
                    .resources(new QueryRequest()
                            .withSubscriptions(List.of(SandboxMain.OBSERVED_SUBSCRIPTION))
                            .withQuery("Resources | where type =~ 'microsoft.storage/storageaccounts' | project id"));
            List<String> names = clients.storage(SandboxMain.OBSERVED_SUBSCRIPTION).storageAccounts().list().stream()
                    .map(StorageAccount::name)
                    .toList();

            assertThat(inventory.totalRecords()).isEqualTo(3);
            assertThat(names).containsExactly("stoutside0", "stoutside1", "stoutside2");
            assertThat(sandbox.azure().stats().resourceGraphQueries()).isEqualTo(1);
            assertThat(sandbox.azure().stats().armReads()).isEqualTo(1);
        } finally {
            sandbox.stop();
        }

        SandboxMain.Running again = SandboxMain.start(
                new SandboxOptions(data, false, "127.0.0.1", 0), SandboxTesting.ONLY_REQUESTED_SWEEPS);
        try {
            AzureClients clients = again.context().getBean(AzureClients.class);
            assertThat(clients.storage(SandboxMain.OBSERVED_SUBSCRIPTION).storageAccounts().list().stream())
                    .hasSize(3);
        } finally {
            again.stop();
        }
    }
}
