package dev.idp.command.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idp.kernel.error.FieldError;
import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.Uuids;
import dev.idp.kernel.storageaccount.SpecDraft;
import dev.idp.kernel.storageaccount.SubmissionDraft;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads request bodies into drafts, collecting every shape error (a number where text belongs, an unknown field) as a
 * field error so that they are reported together with the validation rules' errors. A misspelt field is an error, not
 * silently ignored: it would otherwise drop a setting the client meant to make.
 */
final class RequestBodies {

    private static final Set<String> SUBMISSION_FIELDS =
            Set.of("requestId", "workflowType", "subscriptionId", "resourceGroup", "name", "owner", "spec");
    private static final Set<String> OWNER_FIELDS = Set.of("team", "requestedBy");
    private static final Set<String> SPEC_FIELDS = Set.of(
            "location",
            "accountKind",
            "accountTier",
            "replicationType",
            "accessTier",
            "minimumTlsVersion",
            "publicNetworkAccess",
            "allowBlobPublicAccess",
            "allowSharedKeyAccess",
            "allowCrossTenantReplication",
            "tags");
    private static final Set<String> SPEC_CHANGE_FIELDS = Set.of("requestId", "spec");

    private final List<FieldError> errors = new ArrayList<>();

    /** Fields the body got wrong; the validator's "is required" for these would only repeat them. */
    List<FieldError> errors() {
        return errors;
    }

    SubmissionDraft submission(JsonNode body) {
        if (!object(body, "")) {
            return null;
        }
        unknownFields(body, SUBMISSION_FIELDS, "");
        JsonNode owner = body.path("owner");
        String team = null;
        String requestedBy = null;
        if (object(owner, "owner")) {
            unknownFields(owner, OWNER_FIELDS, "owner.");
            team = text(owner, "team", "owner.team");
            requestedBy = text(owner, "requestedBy", "owner.requestedBy");
        }
        return new SubmissionDraft(
                text(body, "workflowType", "workflowType"),
                text(body, "subscriptionId", "subscriptionId"),
                text(body, "resourceGroup", "resourceGroup"),
                text(body, "name", "name"),
                team,
                requestedBy,
                spec(body.path("spec"), "spec"));
    }

    /** The spec of a change request; null when the body has none (the validator then says it is required). */
    SpecDraft specChange(JsonNode body) {
        if (!object(body, "")) {
            return null;
        }
        unknownFields(body, SPEC_CHANGE_FIELDS, "");
        return spec(body.path("spec"), "spec");
    }

    /** The optional {@code requestId}: null when absent, or when malformed (then an error is recorded). */
    RequestId requestId(JsonNode body) {
        String text = text(body, "requestId", "requestId");
        if (text == null) {
            return null;
        }
        if (!Uuids.isCanonical(text)) {
            errors.add(new FieldError("requestId", "must be a UUID"));
            return null;
        }
        return RequestId.parse(text);
    }

    private SpecDraft spec(JsonNode spec, String path) {
        if (spec.isMissingNode() || spec.isNull() || !object(spec, path)) {
            return null;
        }
        unknownFields(spec, SPEC_FIELDS, path + ".");
        return new SpecDraft(
                text(spec, "location", path + ".location"),
                text(spec, "accountKind", path + ".accountKind"),
                text(spec, "accountTier", path + ".accountTier"),
                text(spec, "replicationType", path + ".replicationType"),
                text(spec, "accessTier", path + ".accessTier"),
                text(spec, "minimumTlsVersion", path + ".minimumTlsVersion"),
                text(spec, "publicNetworkAccess", path + ".publicNetworkAccess"),
                bool(spec, "allowBlobPublicAccess", path + ".allowBlobPublicAccess"),
                bool(spec, "allowSharedKeyAccess", path + ".allowSharedKeyAccess"),
                bool(spec, "allowCrossTenantReplication", path + ".allowCrossTenantReplication"),
                tags(spec.path("tags"), path + ".tags"));
    }

    private Map<String, String> tags(JsonNode tags, String path) {
        if (tags.isMissingNode() || tags.isNull()) {
            return null;
        }
        if (!object(tags, path)) {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tag = it.next();
            if (tag.getValue().isTextual()) {
                result.put(tag.getKey(), tag.getValue().textValue());
            } else {
                errors.add(new FieldError(path + "[\"" + tag.getKey() + "\"]", "a tag value must be a string"));
            }
        }
        return result;
    }

    private boolean object(JsonNode node, String path) {
        if (path.isEmpty() && (node == null || node.isMissingNode() || node.isNull())) {
            errors.add(new FieldError("$", "the body must be a JSON object"));
            return false;
        }
        if (node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (!node.isObject()) {
            errors.add(new FieldError(path.isEmpty() ? "$" : path, "must be a JSON object"));
            return false;
        }
        return true;
    }

    private String text(JsonNode parent, String name, String path) {
        JsonNode value = parent.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(path, "must be a string"));
            return null;
        }
        return value.textValue();
    }

    private Boolean bool(JsonNode parent, String name, String path) {
        JsonNode value = parent.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            errors.add(new FieldError(path, "must be true or false"));
            return null;
        }
        return value.booleanValue();
    }

    private void unknownFields(JsonNode node, Set<String> known, String prefix) {
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                errors.add(new FieldError(prefix + field, "unknown field"));
            }
        });
    }
}
