package dev.idp.kernel.storageaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Events and commands through a plain Jackson mapper. The services use {@code KernelJacksonModule} from service-support,
 * which this module cannot see; {@link #kernelIdsAsStrings()} is its small local equivalent: IDs are JSON strings.
 */
class MessagesJsonTest {

    private static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
    private static final ResourceId RESOURCE_ID = ResourceId.parse("6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b");
    private static final RequestId REQUEST_ID = RequestId.parse("0b7e5c1d-2a3f-4b6c-9d8e-7f6a5b4c3d2e");
    private static final RequestId CHANGE_REQUEST_ID = RequestId.parse("1c8f6d2e-3b4a-4c7d-8e9f-0a1b2c3d4e5f");
    private static final ArmId ARM_ID = ArmId.ofStorageAccount(SUBSCRIPTION, "rg-payments", "stpayments001");
    private static final Owner OWNER = new Owner("payments", "alice@example.com");

    private final ObjectMapper mapper = new ObjectMapper().registerModule(kernelIdsAsStrings());

    private static SimpleModule kernelIdsAsStrings() {
        SimpleModule module = new SimpleModule("kernel-ids-as-strings");
        asString(module, ResourceId.class, ResourceId::toString, ResourceId::parse);
        asString(module, RequestId.class, RequestId::toString, RequestId::parse);
        asString(module, ArmId.class, ArmId::value, ArmId::parse);
        return module;
    }

    private static <T> void asString(
            SimpleModule module, Class<T> type, Function<T, String> write, Function<String, T> read) {
        module.addSerializer(type, new StdSerializer<T>(type) {
            @Override
            public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(write.apply(value));
            }
        });
        module.addDeserializer(type, new StdDeserializer<T>(type) {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    return type.cast(context.handleUnexpectedToken(type, parser));
                }
                return read.apply(parser.getText());
            }
        });
    }

    private static StorageAccountSpec spec() {
        return new StorageAccountSpec(
                "westeurope",
                AccountKind.StorageV2,
                AccountTier.Standard,
                ReplicationType.ZRS,
                AccessTier.Hot,
                TlsVersion.TLS1_2,
                PublicNetworkAccess.Disabled,
                false,
                true,
                false,
                Map.of("cost-center", "cc-1234", "env", "prod"));
    }

    private static StorageAccountSpec premiumSpecWithoutAccessTier() {
        return new StorageAccountSpec(
                "northeurope",
                AccountKind.FileStorage,
                AccountTier.Premium,
                ReplicationType.LRS,
                null,
                TlsVersion.TLS1_3,
                PublicNetworkAccess.Enabled,
                false,
                false,
                false,
                Map.of());
    }

    private static StorageAccountRequest request() {
        return new StorageAccountRequest(
                "storage-account", SUBSCRIPTION, "rg-payments", "stpayments001", OWNER, spec());
    }

    private static StorageAccountRequestedEvent requestedEvent() {
        return new StorageAccountRequestedEvent(
                RESOURCE_ID,
                REQUEST_ID,
                "storage-account",
                SUBSCRIPTION,
                "rg-payments",
                "stpayments001",
                ARM_ID,
                OWNER,
                spec());
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                arguments("StorageAccountRequestedEvent", requestedEvent()),
                arguments(
                        "StorageAccountSpecChangeRequestedEvent",
                        new StorageAccountSpecChangeRequestedEvent(
                                RESOURCE_ID, CHANGE_REQUEST_ID, spec(), premiumSpecWithoutAccessTier())),
                arguments(
                        "StorageAccountDecommissionRequestedEvent",
                        new StorageAccountDecommissionRequestedEvent(RESOURCE_ID, CHANGE_REQUEST_ID)),
                arguments(
                        "SubmitStorageAccountCommand",
                        new SubmitStorageAccountCommand(RESOURCE_ID, REQUEST_ID, request())),
                arguments(
                        "ChangeStorageAccountSpecCommand",
                        new ChangeStorageAccountSpecCommand(
                                RESOURCE_ID, CHANGE_REQUEST_ID, premiumSpecWithoutAccessTier())),
                arguments(
                        "DecommissionStorageAccountCommand",
                        new DecommissionStorageAccountCommand(RESOURCE_ID, CHANGE_REQUEST_ID)),
                arguments("SubmissionAccepted", new SubmissionAccepted(RESOURCE_ID, REQUEST_ID, ARM_ID, true)),
                arguments("RequestAccepted", new RequestAccepted(RESOURCE_ID, CHANGE_REQUEST_ID, false)));
    }

    @ParameterizedTest(name = "{0} round-trips")
    @MethodSource("messages")
    void roundTripsToAnEqualRecord(String type, Record message) throws IOException {
        String json = mapper.writeValueAsString(message);

        Object back = mapper.readValue(json, message.getClass());

        assertThat(back).isEqualTo(message).hasSameHashCodeAs(message);
        assertThat(mapper.writeValueAsString(back)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0} has string IDs")
    @MethodSource("messages")
    void writesIdsAsPlainStrings(String type, Record message) {
        JsonNode json = mapper.valueToTree(message);

        assertThat(json.get("resourceId").isTextual()).isTrue();
        assertThat(json.get("resourceId").asText()).isEqualTo(RESOURCE_ID.toString());
        assertThat(json.get("requestId").isTextual()).isTrue();
        assertThat(json.get("requestId").asText()).isIn(REQUEST_ID.toString(), CHANGE_REQUEST_ID.toString());
    }

    @Test
    void requestedEventJsonHasPlainStringsAndContractEnumSpellings() {
        JsonNode json = mapper.valueToTree(requestedEvent());

        assertThat(json.get("resourceId").asText()).isEqualTo("6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b");
        assertThat(json.get("requestId").asText()).isEqualTo("0b7e5c1d-2a3f-4b6c-9d8e-7f6a5b4c3d2e");
        assertThat(json.get("armId").isTextual()).isTrue();
        assertThat(json.get("armId").asText())
                .isEqualTo("/subscriptions/" + SUBSCRIPTION
                        + "/resourceGroups/rg-payments/providers/Microsoft.Storage/storageAccounts/stpayments001");
        assertThat(json.get("owner").get("team").asText()).isEqualTo("payments");
        assertThat(json.get("owner").get("requestedBy").asText()).isEqualTo("alice@example.com");
        JsonNode spec = json.get("spec");
        assertThat(spec.get("location").asText()).isEqualTo("westeurope");
        assertThat(spec.get("accountKind").asText()).isEqualTo("StorageV2");
        assertThat(spec.get("accountTier").asText()).isEqualTo("Standard");
        assertThat(spec.get("replicationType").asText()).isEqualTo("ZRS");
        assertThat(spec.get("accessTier").asText()).isEqualTo("Hot");
        assertThat(spec.get("minimumTlsVersion").asText()).isEqualTo("TLS1_2");
        assertThat(spec.get("publicNetworkAccess").asText()).isEqualTo("Disabled");
        assertThat(spec.get("allowBlobPublicAccess").isBoolean()).isTrue();
        assertThat(spec.get("allowSharedKeyAccess").asBoolean()).isTrue();
        assertThat(spec.get("tags").get("cost-center").asText()).isEqualTo("cc-1234");
    }

    @Test
    void writesOnlyTheRecordComponentsNotDerivedValues() {
        JsonNode command = mapper.valueToTree(new SubmitStorageAccountCommand(RESOURCE_ID, REQUEST_ID, request()));

        assertThat(command.get("request").has("armId"))
                .as("armId() is derived from the request")
                .isFalse();
        assertThat(command.get("request").get("spec").has("skuName"))
                .as("skuName() is derived from the spec")
                .isFalse();
    }

    @Test
    void writesAnAbsentAccessTierAsNullAndReadsItBack() throws IOException {
        ChangeStorageAccountSpecCommand command =
                new ChangeStorageAccountSpecCommand(RESOURCE_ID, CHANGE_REQUEST_ID, premiumSpecWithoutAccessTier());
        JsonNode json = mapper.valueToTree(command);

        assertThat(json.get("spec").get("accessTier").isNull()).isTrue();
        assertThat(json.get("spec").get("accountKind").asText()).isEqualTo("FileStorage");
        assertThat(json.get("spec").get("minimumTlsVersion").asText()).isEqualTo("TLS1_3");
        assertThat(mapper.treeToValue(json, ChangeStorageAccountSpecCommand.class)
                        .spec()
                        .accessTier())
                .isNull();
    }

    /** What an event stored today looks like; a rename of any field or enum constant breaks reading it back. */
    @Test
    void readsAStoredRequestedEvent() throws IOException {
        String stored = """
                {
                  "resourceId": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
                  "requestId": "0b7e5c1d-2a3f-4b6c-9d8e-7f6a5b4c3d2e",
                  "workflowType": "storage-account",
                  "subscriptionId": "00000000-0000-0000-0000-000000000001",
                  "resourceGroup": "rg-payments",
                  "name": "stpayments001",
                  "armId": "/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups/rg-payments/providers/microsoft.storage/storageaccounts/stpayments001",
                  "owner": {"team": "payments", "requestedBy": "alice@example.com"},
                  "spec": {
                    "location": "westeurope",
                    "accountKind": "StorageV2",
                    "accountTier": "Standard",
                    "replicationType": "ZRS",
                    "accessTier": "Hot",
                    "minimumTlsVersion": "TLS1_2",
                    "publicNetworkAccess": "Disabled",
                    "allowBlobPublicAccess": false,
                    "allowSharedKeyAccess": true,
                    "allowCrossTenantReplication": false,
                    "tags": {"env": "prod", "cost-center": "cc-1234"}
                  }
                }
                """;

        StorageAccountRequestedEvent event = mapper.readValue(stored, StorageAccountRequestedEvent.class);

        assertThat(event).isEqualTo(requestedEvent());
        assertThat(event.armId().value()).as("the stored spelling is kept").contains("/resourcegroups/");
        assertThat(event.spec().tags().keySet()).containsExactly("cost-center", "env");
    }

    @Test
    void readsRequestIdsInUpperCaseAsTheSameId() throws IOException {
        String stored = "{\"resourceId\": \"6F1C2A9E-3B4D-4E5F-8A7B-9C0D1E2F3A4B\","
                + " \"requestId\": \"1C8F6D2E-3B4A-4C7D-8E9F-0A1B2C3D4E5F\"}";

        assertThat(mapper.readValue(stored, StorageAccountDecommissionRequestedEvent.class))
                .isEqualTo(new StorageAccountDecommissionRequestedEvent(RESOURCE_ID, CHANGE_REQUEST_ID));
    }
}
