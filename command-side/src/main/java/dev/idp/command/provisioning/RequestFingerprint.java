package dev.idp.command.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.support.serialization.KernelJacksonModule;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests "the same body": the SHA-256 of the validated request in a canonical JSON form (sorted keys,
 * defaults filled, regions folded). Key order, white space and spellings that validate to the same request do not
 * count as a difference.
 */
final class RequestFingerprint {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new KernelJacksonModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private RequestFingerprint() {}

    static String of(Object validatedRequest) {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(validatedRequest);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(
                    "cannot fingerprint " + validatedRequest.getClass().getSimpleName(), e);
        }
    }

    /** What a spec change asks: the resource and the new spec. */
    record SpecChange(String resourceId, Object spec) {}

    static String ofSpecChange(ResourceId resourceId, Object spec) {
        return of(new SpecChange(resourceId.toString(), spec));
    }
}
