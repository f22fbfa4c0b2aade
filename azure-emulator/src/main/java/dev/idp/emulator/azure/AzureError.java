package dev.idp.emulator.azure;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** An answer with Azure's error body, {@code {"error": {"code", "message"}}}, thrown by handlers. */
final class AzureError extends RuntimeException {

    final int status;
    final String code;
    final Map<String, String> headers;
    final ObjectNode body;

    AzureError(int status, String code, String message) {
        this(status, code, message, Map.of(), null);
    }

    AzureError(int status, String code, String message, Map<String, String> headers, ObjectNode details) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = headers;
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("code", code);
        error.put("message", message);
        if (details != null) {
            error.setAll(details);
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("error", error);
        this.body = root;
    }
}
