package dev.idp.command.infrastructure.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.storage.StorageManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Azure SDK's managers, made on first use: {@link ResourceGraphManager} for inventory across the observed scope,
 * one {@link StorageManager} per subscription for targeted ARM reads. Nothing talks to Azure until a manager is used,
 * so the service starts without Azure.
 */
public final class AzureClients {

    private final AzureEnvironment environment;
    private final String tenantId;
    private final TokenCredential credential;
    private final HttpClient http;
    private final Map<String, StorageManager> storage = new ConcurrentHashMap<>();
    private volatile ResourceGraphManager resourceGraph;

    AzureClients(AzureEnvironment environment, String tenantId, TokenCredential credential, HttpClient http) {
        this.environment = environment;
        this.tenantId = tenantId;
        this.credential = credential;
        this.http = http;
    }

    public StorageManager storage(String subscriptionId) {
        return storage.computeIfAbsent(subscriptionId, id -> StorageManager.configure()
                .withHttpClient(http)
                .authenticate(credential, new AzureProfile(tenantId, id, environment)));
    }

    public ResourceGraphManager resourceGraph() {
        ResourceGraphManager manager = resourceGraph;
        if (manager == null) {
            synchronized (this) {
                if (resourceGraph == null) {
                    resourceGraph = ResourceGraphManager.configure()
                            .withHttpClient(http)
                            .authenticate(credential, new AzureProfile(tenantId, null, environment));
                }
                manager = resourceGraph;
            }
        }
        return manager;
    }

    public AzureEnvironment environment() {
        return environment;
    }
}
