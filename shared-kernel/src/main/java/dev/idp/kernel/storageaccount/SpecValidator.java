package dev.idp.kernel.storageaccount;

import dev.idp.kernel.azure.AzureRegions;
import dev.idp.kernel.error.FieldError;
import dev.idp.kernel.ids.Uuids;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a storage-account request must meet, shared by the portal and this service so that both say the same thing.
 * Every rule is checked and every broken one reported: a client fixes its request in one round trip.
 *
 * <p>Where the request leaves a field out, the validator fills the default a new Azure account gets (see
 * docs/storage-account-spec.md), so desired state is always explicit and a fresh account shows no drift.
 */
public final class SpecValidator {

    /** The only workflow this service runs today; a submission that names none gets it. */
    public static final String STORAGE_ACCOUNT_WORKFLOW = "storage-account";

    /**
     * Storage accounts allow tag names of at most 128 characters (Microsoft.Storage's StorageAccountCreateParameters:
     * "a key with a length no greater than 128 characters"), fewer than the 512 of resource groups and most resources.
     */
    public static final int MAX_TAG_NAME_LENGTH = 128;

    public static final int MAX_TAG_VALUE_LENGTH = 256;
    public static final int MAX_TAGS = 50;
    /** What a request may set: Azure's 50 less the platform's ownership tags. */
    public static final int MAX_REQUEST_TAGS = MAX_TAGS - OwnershipTags.COUNT;

    static final TlsVersion DEFAULT_TLS = TlsVersion.TLS1_2;
    static final PublicNetworkAccess DEFAULT_PUBLIC_NETWORK_ACCESS = PublicNetworkAccess.Enabled;
    static final boolean DEFAULT_ALLOW_BLOB_PUBLIC_ACCESS = false;
    static final boolean DEFAULT_ALLOW_SHARED_KEY_ACCESS = true;
    static final boolean DEFAULT_ALLOW_CROSS_TENANT_REPLICATION = false;

    private static final Pattern ACCOUNT_NAME = Pattern.compile("^[a-z0-9]{3,24}$");
    // Azure: 1-90 letters, digits, underscores, hyphens, periods and parentheses; not ending in a period.
    private static final Pattern RESOURCE_GROUP = Pattern.compile("^[\\p{L}\\p{N}_().-]{0,89}[\\p{L}\\p{N}_()-]$");
    // A Kubernetes label value, since the team becomes one on the managed resource.
    private static final Pattern TEAM = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$");
    private static final Pattern TAG_NAME_FORBIDDEN = Pattern.compile("[<>%&\\\\?/]");
    private static final List<String> TAG_NAME_RESERVED_BY_AZURE = List.of("microsoft", "azure", "windows");
    private static final int MAX_REQUESTED_BY_LENGTH = 256;
    private static final Set<AccountKind> PREMIUM_ONLY_KINDS =
            EnumSet.of(AccountKind.BlockBlobStorage, AccountKind.FileStorage);
    private static final Set<ReplicationType> PREMIUM_REPLICATION =
            EnumSet.of(ReplicationType.LRS, ReplicationType.ZRS);
    private static final Set<ReplicationType> NO_ZONE_REDUNDANCY =
            EnumSet.of(ReplicationType.LRS, ReplicationType.GRS, ReplicationType.RAGRS);

    private SpecValidator() {}

    /** The outcome of a validation: a value, or every field error found (never both). */
    public record Result<T>(T value, List<FieldError> errors) {

        public Result {
            errors = List.copyOf(errors);
        }

        public boolean isValid() {
            return errors.isEmpty();
        }
    }

    /** Validates a whole submission; field names are the JSON paths of the submission body. */
    public static Result<StorageAccountRequest> validateSubmission(SubmissionDraft draft) {
        List<FieldError> errors = new ArrayList<>();
        String workflowType = draft.workflowType() == null ? STORAGE_ACCOUNT_WORKFLOW : draft.workflowType();
        if (!STORAGE_ACCOUNT_WORKFLOW.equals(workflowType)) {
            errors.add(new FieldError("workflowType", "unknown workflow type; known: " + STORAGE_ACCOUNT_WORKFLOW));
        }
        if (draft.subscriptionId() == null) {
            errors.add(required("subscriptionId"));
        } else if (!Uuids.isCanonical(draft.subscriptionId())) {
            errors.add(new FieldError("subscriptionId", "must be a subscription ID (a UUID)"));
        }
        if (draft.resourceGroup() == null) {
            errors.add(required("resourceGroup"));
        } else if (!RESOURCE_GROUP.matcher(draft.resourceGroup()).matches()) {
            errors.add(
                    new FieldError(
                            "resourceGroup",
                            "must be 1 to 90 letters, digits, underscores, hyphens, periods or parentheses, not ending in a period"));
        }
        if (draft.name() == null) {
            errors.add(required("name"));
        } else if (!ACCOUNT_NAME.matcher(draft.name()).matches()) {
            errors.add(new FieldError("name", "must be 3 to 24 characters, lowercase letters and digits only"));
        }
        if (draft.team() == null) {
            errors.add(required("owner.team"));
        } else if (!TEAM.matcher(draft.team()).matches()) {
            errors.add(new FieldError(
                    "owner.team",
                    "must be 1 to 63 letters, digits, '.', '_' or '-', starting and ending with a letter or digit"));
        }
        if (draft.requestedBy() == null || draft.requestedBy().isBlank()) {
            errors.add(required("owner.requestedBy"));
        } else if (draft.requestedBy().length() > MAX_REQUESTED_BY_LENGTH) {
            errors.add(
                    new FieldError("owner.requestedBy", "must be at most " + MAX_REQUESTED_BY_LENGTH + " characters"));
        }
        StorageAccountSpec spec = null;
        if (draft.spec() == null) {
            errors.add(required("spec"));
        } else {
            Result<StorageAccountSpec> specResult = validateSpec(draft.spec(), "spec");
            errors.addAll(specResult.errors());
            spec = specResult.value();
        }
        if (!errors.isEmpty()) {
            return new Result<>(null, errors);
        }
        return new Result<>(
                new StorageAccountRequest(
                        workflowType,
                        draft.subscriptionId().toLowerCase(Locale.ROOT),
                        draft.resourceGroup(),
                        draft.name(),
                        new Owner(draft.team(), draft.requestedBy()),
                        spec),
                List.of());
    }

    /** Validates a spec on its own; {@code path} prefixes the field names ({@code spec}). */
    public static Result<StorageAccountSpec> validateSpec(SpecDraft draft, String path) {
        List<FieldError> errors = new ArrayList<>();
        String location = null;
        if (draft.location() == null) {
            errors.add(required(path + ".location"));
        } else {
            Optional<String> canonical = AzureRegions.canonical(draft.location());
            if (canonical.isEmpty()) {
                errors.add(new FieldError(path + ".location", "unknown Azure region: " + draft.location()));
            } else {
                location = canonical.get();
            }
        }
        AccountKind kind = requiredEnum(draft.accountKind(), AccountKind.class, path + ".accountKind", errors);
        AccountTier tier = requiredEnum(draft.accountTier(), AccountTier.class, path + ".accountTier", errors);
        ReplicationType replication =
                requiredEnum(draft.replicationType(), ReplicationType.class, path + ".replicationType", errors);
        AccessTier accessTier = optionalEnum(draft.accessTier(), AccessTier.class, path + ".accessTier", errors);
        TlsVersion tls = optionalEnum(draft.minimumTlsVersion(), TlsVersion.class, path + ".minimumTlsVersion", errors);
        PublicNetworkAccess publicNetworkAccess = optionalEnum(
                draft.publicNetworkAccess(), PublicNetworkAccess.class, path + ".publicNetworkAccess", errors);
        if (publicNetworkAccess == PublicNetworkAccess.SecuredByPerimeter) {
            errors.add(
                    new FieldError(
                            path + ".publicNetworkAccess",
                            "SecuredByPerimeter is set by a network security perimeter, not requested; use Enabled or Disabled"));
        }
        combinationErrors(path, kind, tier, replication, accessTier, errors);
        Map<String, String> tags = draft.tags() == null ? Map.of() : draft.tags();
        tagErrors(path + ".tags", tags, errors);

        if (!errors.isEmpty()) {
            return new Result<>(null, errors);
        }
        return new Result<>(
                new StorageAccountSpec(
                        location,
                        kind,
                        tier,
                        replication,
                        accessTier,
                        tls == null ? DEFAULT_TLS : tls,
                        publicNetworkAccess == null ? DEFAULT_PUBLIC_NETWORK_ACCESS : publicNetworkAccess,
                        orDefault(draft.allowBlobPublicAccess(), DEFAULT_ALLOW_BLOB_PUBLIC_ACCESS),
                        orDefault(draft.allowSharedKeyAccess(), DEFAULT_ALLOW_SHARED_KEY_ACCESS),
                        orDefault(draft.allowCrossTenantReplication(), DEFAULT_ALLOW_CROSS_TENANT_REPLICATION),
                        tags),
                List.of());
    }

    /**
     * What Azure does not let an existing account change in place: its region, its performance tier, its kind (but for
     * the upgrade from general-purpose v1 to v2) and its replication across the zonal boundary (the provider's CRD says
     * such a change forces a new resource).
     */
    public static List<FieldError> validateChange(StorageAccountSpec current, StorageAccountSpec next, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (!current.location().equals(next.location())) {
            errors.add(new FieldError(
                    path + ".location",
                    "an account cannot move from " + current.location() + " to " + next.location()));
        }
        if (current.accountTier() != next.accountTier()) {
            errors.add(new FieldError(
                    path + ".accountTier",
                    "an account's performance tier cannot change from " + current.accountTier() + " to "
                            + next.accountTier()));
        }
        boolean upgradeToV2 =
                current.accountKind() == AccountKind.Storage && next.accountKind() == AccountKind.StorageV2;
        if (current.accountKind() != next.accountKind() && !upgradeToV2) {
            errors.add(new FieldError(
                    path + ".accountKind",
                    "an account's kind cannot change from " + current.accountKind() + " to " + next.accountKind()
                            + " (only Storage to StorageV2)"));
        }
        if (NO_ZONE_REDUNDANCY.contains(current.replicationType())
                != NO_ZONE_REDUNDANCY.contains(next.replicationType())) {
            errors.add(new FieldError(
                    path + ".replicationType",
                    "replication cannot change from " + current.replicationType() + " to " + next.replicationType()
                            + " in place: moving between zone-redundant (ZRS, GZRS, RAGZRS) and non-zonal (LRS, GRS,"
                            + " RAGRS) replication is an account migration, and the provider would replace the"
                            + " account"));
        }
        return errors;
    }

    private static void combinationErrors(
            String path,
            AccountKind kind,
            AccountTier tier,
            ReplicationType replication,
            AccessTier accessTier,
            List<FieldError> errors) {
        if (kind != null && tier == AccountTier.Standard && PREMIUM_ONLY_KINDS.contains(kind)) {
            errors.add(new FieldError(path + ".accountTier", kind + " accounts require the Premium tier"));
        }
        if (kind == AccountKind.BlobStorage && tier == AccountTier.Premium) {
            errors.add(new FieldError(path + ".accountTier", "BlobStorage accounts require the Standard tier"));
        }
        if (tier == AccountTier.Premium && replication != null && !PREMIUM_REPLICATION.contains(replication)) {
            errors.add(new FieldError(path + ".replicationType", "Premium accounts support only LRS and ZRS"));
        }
        if ((kind == AccountKind.Storage || kind == AccountKind.BlobStorage)
                && replication != null
                && !NO_ZONE_REDUNDANCY.contains(replication)) {
            errors.add(new FieldError(path + ".replicationType", kind + " accounts support only LRS, GRS and RAGRS"));
        }
        if (kind != null && !kind.hasAccessTier() && accessTier != null) {
            errors.add(new FieldError(path + ".accessTier", kind + " accounts have no access tier"));
        } else if (tier == AccountTier.Premium && accessTier != null && accessTier != AccessTier.Premium) {
            errors.add(new FieldError(
                    path + ".accessTier", "Premium accounts cannot have the " + accessTier + " access tier"));
        } else if (tier == AccountTier.Standard && accessTier == AccessTier.Premium) {
            errors.add(new FieldError(path + ".accessTier", "the Premium access tier needs the Premium account tier"));
        }
        if (kind == AccountKind.BlobStorage && accessTier == null) {
            errors.add(required(path + ".accessTier"));
        }
    }

    private static void tagErrors(String path, Map<String, String> tags, List<FieldError> errors) {
        if (tags.size() > MAX_REQUEST_TAGS) {
            errors.add(new FieldError(
                    path,
                    "at most " + MAX_REQUEST_TAGS + " tags (Azure allows " + MAX_TAGS + ", the platform adds "
                            + OwnershipTags.COUNT + ")"));
        }
        Map<String, String> seen = new HashMap<>();
        tags.forEach((name, value) -> {
            if (name == null) {
                errors.add(new FieldError(path, "a tag name cannot be null"));
                return;
            }
            String field = tagField(path, name);
            String folded = name.toLowerCase(Locale.ROOT);
            if (name.isBlank()) {
                errors.add(new FieldError(field, "a tag name cannot be empty"));
            } else if (name.length() > MAX_TAG_NAME_LENGTH) {
                errors.add(new FieldError(field, "a tag name has at most " + MAX_TAG_NAME_LENGTH + " characters"));
            } else if (TAG_NAME_FORBIDDEN.matcher(name).find()) {
                errors.add(new FieldError(field, "a tag name cannot contain < > % & \\ ? /"));
            } else if (OwnershipTags.isReserved(name)) {
                errors.add(new FieldError(
                        field, "tags starting with '" + OwnershipTags.RESERVED_PREFIX + "' are the platform's"));
            } else if (TAG_NAME_RESERVED_BY_AZURE.stream().anyMatch(folded::startsWith)) {
                errors.add(new FieldError(
                        field, "tag names starting with microsoft, azure or windows are reserved by Azure"));
            } else if (seen.putIfAbsent(folded, name) != null) {
                errors.add(new FieldError(
                        field, "tag names are case-insensitive: '" + name + "' repeats '" + seen.get(folded) + "'"));
            }
            if (value == null) {
                errors.add(new FieldError(field, "a tag value must be a string"));
            } else if (value.length() > MAX_TAG_VALUE_LENGTH) {
                errors.add(new FieldError(field, "a tag value has at most " + MAX_TAG_VALUE_LENGTH + " characters"));
            }
        });
    }

    /** {@code spec.tags["name"]}, with quotes and backslashes in the name escaped as in a JSON string. */
    static String tagField(String path, String name) {
        return path + "[\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    private static <E extends Enum<E>> E requiredEnum(
            String text, Class<E> type, String field, List<FieldError> errors) {
        if (text == null) {
            errors.add(required(field));
            return null;
        }
        return optionalEnum(text, type, field, errors);
    }

    private static <E extends Enum<E>> E optionalEnum(
            String text, Class<E> type, String field, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        errors.add(new FieldError(field, "must be one of " + String.join(", ", names(type))));
        return null;
    }

    private static <E extends Enum<E>> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e != PublicNetworkAccess.SecuredByPerimeter)
                .map(Enum::name)
                .toList();
    }

    private static boolean orDefault(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }

    private static FieldError required(String field) {
        return new FieldError(field, "is required");
    }
}
