package dev.idp.kernel.azure;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Azure Resource Manager ID of a storage account.
 *
 * <p>ARM and Resource Graph do not always agree on casing ({@code resourceGroups} vs {@code resourcegroups}, group names
 * in any case), so two ARM IDs are equal when they are equal ignoring case. The spelling first seen is kept for display.
 */
public final class ArmId {

    /**
     * Strict on every segment, not only on the shape: a subscription is a GUID, a resource group is what Azure allows
     * in one (letters, digits, {@code _ - . ( )}, not ending in a period) and an account name is 3 to 24 letters and
     * digits. An ID that parses is therefore safe to quote into a Resource Graph query.
     */
    private static final Pattern STORAGE_ACCOUNT = Pattern.compile(
            "/subscriptions/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
                    + "/resourceGroups/([\\p{L}\\p{N}_().-]{0,89}[\\p{L}\\p{N}_()-])"
                    + "/providers/Microsoft\\.Storage/storageAccounts/([a-z0-9]{3,24})",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private final String value;
    private final String subscriptionId;
    private final String resourceGroup;
    private final String name;

    private ArmId(String value, String subscriptionId, String resourceGroup, String name) {
        this.value = value;
        this.subscriptionId = subscriptionId;
        this.resourceGroup = resourceGroup;
        this.name = name;
    }

    /** The ID Azure gives a storage account with this name in this subscription and resource group. */
    public static ArmId ofStorageAccount(String subscriptionId, String resourceGroup, String name) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(resourceGroup, "resourceGroup");
        Objects.requireNonNull(name, "name");
        return new ArmId(
                "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                        + "/providers/Microsoft.Storage/storageAccounts/" + name,
                subscriptionId,
                resourceGroup,
                name);
    }

    /** Parses a storage account's ARM ID in any casing; throws {@link IllegalArgumentException} for anything else. */
    public static ArmId parse(String text) {
        Matcher m = STORAGE_ACCOUNT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a storage account ARM ID: " + text);
        }
        return new ArmId(text, m.group(1), m.group(2), m.group(3));
    }

    public String value() {
        return value;
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    public String resourceGroup() {
        return resourceGroup;
    }

    public String name() {
        return name;
    }

    /** The form used for correlation and as a database key: lower case. */
    public String normalized() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArmId other && normalized().equals(other.normalized());
    }

    @Override
    public int hashCode() {
        return normalized().hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
