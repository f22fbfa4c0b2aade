package dev.idp.support.serialization;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import java.io.IOException;
import java.util.function.Function;

/**
 * JSON for the kernel's value types: each is written as the plain string a person would expect ({@code "resourceId":
 * "6f1c..."}), not as an object, in events and in HTTP bodies alike. The kernel itself stays free of Jackson.
 */
public final class KernelJacksonModule extends SimpleModule {

    public KernelJacksonModule() {
        super("idp-kernel");
        asString(ResourceId.class, ResourceId::parse);
        asString(RequestId.class, RequestId::parse);
        asString(ArmId.class, ArmId::parse);
    }

    private <T> void asString(Class<T> type, Function<String, T> parse) {
        addSerializer(type, new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        addDeserializer(type, new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                try {
                    return parse.apply(text);
                } catch (IllegalArgumentException e) {
                    return type.cast(ctxt.handleWeirdStringValue(type, text, e.getMessage()));
                }
            }
        });
    }
}
