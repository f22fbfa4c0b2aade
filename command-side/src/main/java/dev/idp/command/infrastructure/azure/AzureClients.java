package dev.idp.command.infrastructure.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.storage.StorageManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
    private final AtomicLong throttled = new AtomicLong();
    /** Counts 429 answers, every attempt included (it sits after the retry policy). */
    private final HttpPipelinePolicy countThrottled =
            (context, next) -> next.process().doOnNext(response -> {
                if (response.getStatusCode() == 429) {
                    throttled.incrementAndGet();
                }
            });
    /**
     * 429 and 5xx are retried: after {@code Retry-After} when Azure says (Resource Graph and ARM do on 429), else
     * with exponential backoff from 800 ms to 30 s, six times, before the caller sees the failure.
     */
    private final RetryPolicy retries =
            new RetryPolicy(new ExponentialBackoff(6, Duration.ofMillis(800), Duration.ofSeconds(30)));

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
                .withRetryPolicy(retries)
                .withPolicy(countThrottled)
                .authenticate(credential, new AzureProfile(tenantId, id, environment)));
    }

    public ResourceGraphManager resourceGraph() {
        ResourceGraphManager manager = resourceGraph;
        if (manager == null) {
            synchronized (this) {
                if (resourceGraph == null) {
                    resourceGraph = ResourceGraphManager.configure()
                            .withHttpClient(http)
                            .withRetryPolicy(retries)
                            .withPolicy(countThrottled)
                            .authenticate(credential, new AzureProfile(tenantId, null, environment));
                }
                manager = resourceGraph;
            }
        }
        return manager;
    }

    /** 429 answers received since start, across every client. */
    public long throttledResponses() {
        return throttled.get();
    }

    public AzureEnvironment environment() {
        return environment;
    }
}
