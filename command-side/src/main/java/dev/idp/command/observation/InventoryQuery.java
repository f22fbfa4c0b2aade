package dev.idp.command.observation;

import dev.idp.kernel.storageaccount.OwnershipTags;
import java.util.List;

/**
 * The one Resource Graph query a sweep sends: every storage account in the observed scope, projected to what the
 * owned fields, the tags and correlation need, in a stable order so that {@code $skipToken} pages do not shift.
 *
 * <p>Subscriptions travel in the request body's {@code subscriptions}, not in the text; resource groups and the
 * ownership tag go through {@link Kql}.
 */
record InventoryQuery(List<String> resourceGroups) {

    static final String TYPE = "microsoft.storage/storageaccounts";

    /** The columns read back; {@code properties} is narrowed to the owned ones. */
    static final List<String> COLUMNS = List.of(
            "id",
            "name",
            "subscriptionId",
            "resourceGroup",
            "location",
            "kind",
            "sku",
            "tags",
            "accessTier",
            "minimumTlsVersion",
            "publicNetworkAccess",
            "allowBlobPublicAccess",
            "allowSharedKeyAccess",
            "allowCrossTenantReplication",
            "provisioningState",
            "managedByPlatform");

    InventoryQuery {
        resourceGroups = List.copyOf(resourceGroups);
        resourceGroups.forEach(Kql::resourceGroup);
    }

    String text() {
        StringBuilder kql = new StringBuilder("Resources\n| where type =~ ").append(Kql.literal(TYPE));
        if (!resourceGroups.isEmpty()) {
            kql.append("\n| where resourceGroup in~ ")
                    .append(Kql.list(
                            resourceGroups.stream().map(Kql::resourceGroup).toList()));
        }
        return kql.append("\n| project id, name, subscriptionId, resourceGroup, location, kind, sku, tags,")
                .append(" accessTier = tostring(properties.accessTier),")
                .append(" minimumTlsVersion = tostring(properties.minimumTlsVersion),")
                .append(" publicNetworkAccess = tostring(properties.publicNetworkAccess),")
                .append(" allowBlobPublicAccess = properties.allowBlobPublicAccess,")
                .append(" allowSharedKeyAccess = properties.allowSharedKeyAccess,")
                .append(" allowCrossTenantReplication = properties.allowCrossTenantReplication,")
                .append(" provisioningState = tostring(properties.provisioningState),")
                .append(" managedByPlatform = tostring(tags[")
                .append(Kql.tagName(OwnershipTags.MANAGED_BY))
                .append("])\n| order by id asc")
                .toString();
    }
}
