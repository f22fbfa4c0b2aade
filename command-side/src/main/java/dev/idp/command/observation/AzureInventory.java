package dev.idp.command.observation;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.rest.Response;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.QueryResponse;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import com.azure.resourcemanager.storage.fluent.models.StorageAccountInner;
import dev.idp.command.infrastructure.azure.AzureClients;
import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.classification.ObservedStorageAccount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Azure as the sweeps read it, through the real SDK clients: Resource Graph pages of the inventory ({@code $top} 1000,
 * {@code $skipToken}), and targeted ARM reads. Each answer's quota headers pace the next request: Resource Graph's
 * {@code x-ms-user-quota-remaining}/{@code -resets-after} (wait for the window when nothing is left) and ARM's
 * {@code x-ms-ratelimit-remaining-subscription-reads} (slow down when few are left). 429 and 5xx are retried by the
 * clients' retry policy ({@link AzureClients}); what still fails is thrown.
 */
@Component
class AzureInventory {

    private static final Logger log = LoggerFactory.getLogger(AzureInventory.class);
    static final int PAGE_SIZE = 1000;
    static final HttpHeaderName QUOTA_REMAINING = HttpHeaderName.fromString("x-ms-user-quota-remaining");
    static final HttpHeaderName QUOTA_RESETS_AFTER = HttpHeaderName.fromString("x-ms-user-quota-resets-after");
    static final HttpHeaderName READS_REMAINING =
            HttpHeaderName.fromString("x-ms-ratelimit-remaining-subscription-reads");
    static final int FEW_READS_LEFT = 10;
    private static final Pattern HMS = Pattern.compile("(\\d+):(\\d{2}):(\\d{2})(?:\\.(\\d+))?");

    private final AzureClients clients;
    private volatile long graphBlockedUntil;
    private volatile long armBlockedUntil;

    AzureInventory(AzureClients clients) {
        this.clients = clients;
    }

    /** A page of the inventory: the accounts on it and the token of the next page (null on the last). */
    record Page(List<Listed> accounts, List<String> unreadable, String skipToken) {}

    /** An account as a Resource Graph row or an ARM read reported it. */
    record Listed(ArmId armId, ObservedStorageAccount observed, String provisioningState) {}

    Page page(String subscriptionId, InventoryQuery query, String skipToken) {
        waitUntil(graphBlockedUntil);
        QueryRequest request = new QueryRequest()
                .withSubscriptions(List.of(subscriptionId))
                .withQuery(query.text())
                .withOptions(new QueryRequestOptions()
                        .withTop(PAGE_SIZE)
                        .withSkipToken(skipToken)
                        .withResultFormat(ResultFormat.OBJECT_ARRAY));
        Response<QueryResponse> response =
                clients.resourceGraph().resourceProviders().resourcesWithResponse(request, Context.NONE);
        paceResourceGraph(response.getHeaders());
        QueryResponse body = response.getValue();
        List<Listed> accounts = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        if (body.data() instanceof List<?> rows) {
            for (Object row : rows) {
                if (row instanceof Map<?, ?> map) {
                    try {
                        accounts.add(fromRow(map));
                    } catch (IllegalArgumentException e) {
                        unreadable.add(String.valueOf(map.get("id")) + ": " + e.getMessage());
                    }
                }
            }
        }
        String next = body.skipToken() == null || body.skipToken().isBlank() ? null : body.skipToken();
        return new Page(accounts, unreadable, next);
    }

    /** ARM's word on one account: its current state, or empty when ARM answers 404. */
    Optional<Listed> read(ArmId armId) {
        waitUntil(armBlockedUntil);
        try {
            Response<StorageAccountInner> response = clients.storage(armId.subscriptionId())
                    .serviceClient()
                    .getStorageAccounts()
                    .getByResourceGroupWithResponse(armId.resourceGroup(), armId.name(), null, Context.NONE);
            paceArm(response.getHeaders());
            return Optional.of(fromArm(response.getValue()));
        } catch (ManagementException e) {
            if (e.getResponse() != null) {
                paceArm(e.getResponse().getHeaders());
                if (e.getResponse().getStatusCode() == 404) {
                    return Optional.empty();
                }
            }
            throw e;
        }
    }

    /** An ARM read's account (the SDK's model of the REST body). */
    static Listed fromArm(StorageAccountInner account) {
        return new Listed(
                ArmId.parse(account.id()),
                ObservedStorageAccount.fromAzure(
                        account.location(),
                        account.kind() == null ? null : account.kind().toString(),
                        account.sku() == null || account.sku().name() == null
                                ? null
                                : account.sku().name().toString(),
                        account.sku() == null || account.sku().tier() == null
                                ? null
                                : account.sku().tier().toString(),
                        account.accessTier() == null
                                ? null
                                : account.accessTier().toString(),
                        account.minimumTlsVersion() == null
                                ? null
                                : account.minimumTlsVersion().toString(),
                        account.publicNetworkAccess() == null
                                ? null
                                : account.publicNetworkAccess().toString(),
                        account.allowBlobPublicAccess(),
                        account.allowSharedKeyAccess(),
                        account.allowCrossTenantReplication(),
                        account.tags()),
                account.provisioningState() == null
                        ? null
                        : account.provisioningState().toString());
    }

    /** A Resource Graph row of {@link InventoryQuery}'s projection; KQL's {@code tostring(null)} is "" there. */
    static Listed fromRow(Map<?, ?> row) {
        ArmId armId = ArmId.parse(text(row.get("id")));
        Map<?, ?> sku = row.get("sku") instanceof Map<?, ?> m ? m : Map.of();
        Map<String, String> tags = new LinkedHashMap<>();
        if (row.get("tags") instanceof Map<?, ?> raw) {
            raw.forEach((k, v) -> {
                if (k != null && v != null) {
                    tags.put(k.toString(), v.toString());
                }
            });
        }
        return new Listed(
                armId,
                ObservedStorageAccount.fromAzure(
                        text(row.get("location")),
                        text(row.get("kind")),
                        text(sku.get("name")),
                        text(sku.get("tier")),
                        text(row.get("accessTier")),
                        text(row.get("minimumTlsVersion")),
                        text(row.get("publicNetworkAccess")),
                        bool(row.get("allowBlobPublicAccess")),
                        bool(row.get("allowSharedKeyAccess")),
                        bool(row.get("allowCrossTenantReplication")),
                        tags),
                text(row.get("provisioningState")));
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString();
        return s.isBlank() ? null : s;
    }

    private static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && !s.isBlank()) {
            return Boolean.parseBoolean(s.trim());
        }
        return null;
    }

    /** Nothing left in this window: the next query waits until it resets. */
    private void paceResourceGraph(HttpHeaders headers) {
        String remaining = headers.getValue(QUOTA_REMAINING);
        String resetsAfter = headers.getValue(QUOTA_RESETS_AFTER);
        if (remaining == null || resetsAfter == null) {
            return;
        }
        try {
            if (Long.parseLong(remaining.trim()) <= 0) {
                Duration wait = hms(resetsAfter);
                graphBlockedUntil = System.currentTimeMillis() + wait.toMillis();
                log.debug("Resource Graph quota used up; the next query waits {}", wait);
            }
        } catch (NumberFormatException e) {
            log.debug("Unreadable Resource Graph quota headers: {} / {}", remaining, resetsAfter);
        }
    }

    /** Few reads left for the subscription: space the next ones out (ARM refills its bucket every second). */
    private void paceArm(HttpHeaders headers) {
        String remaining = headers.getValue(READS_REMAINING);
        if (remaining == null) {
            return;
        }
        try {
            long left = Long.parseLong(remaining.trim());
            if (left < FEW_READS_LEFT) {
                armBlockedUntil = System.currentTimeMillis() + (FEW_READS_LEFT - left) * 100L;
            }
        } catch (NumberFormatException e) {
            log.debug("Unreadable ARM read quota header: {}", remaining);
        }
    }

    /** {@code 00:00:04} or {@code 00:00:04.5}. */
    static Duration hms(String value) {
        Matcher m = HMS.matcher(value.trim());
        if (!m.matches()) {
            return Duration.ofSeconds(5);
        }
        Duration d = Duration.ofHours(Long.parseLong(m.group(1)))
                .plusMinutes(Long.parseLong(m.group(2)))
                .plusSeconds(Long.parseLong(m.group(3)));
        if (m.group(4) != null) {
            d = d.plusMillis((long) (Double.parseDouble("0." + m.group(4)) * 1000));
        }
        return d;
    }

    private static void waitUntil(long until) {
        long wait = until - System.currentTimeMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing Azure requests", e);
            }
        }
    }
}
