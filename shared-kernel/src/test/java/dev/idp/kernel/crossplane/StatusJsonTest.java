package dev.idp.kernel.crossplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idp.kernel.classification.ObservedStorageAccount;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The values events carry round-trip through Jackson unchanged: no convenience method may pass for a property (a
 * boolean {@code isReady()} once overwrote the {@code ready} condition's status in stored events).
 */
class StatusJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aCrossplaneStatusRoundTrips() throws Exception {
        CrossplaneStatus status = new CrossplaneStatus("True", "ReconcileSuccess", null, "True", "Available", null, 3L);
        String json = mapper.writeValueAsString(status);
        JsonNode tree = mapper.readTree(json);
        assertThat(tree.get("ready").asText()).isEqualTo("True");
        assertThat(tree.get("synced").asText()).isEqualTo("True");
        CrossplaneStatus back = mapper.readValue(json, CrossplaneStatus.class);
        assertThat(back).isEqualTo(status);
        assertThat(back.readyAndSynced()).isTrue();
        assertThat(back.isReadyFor(3L)).isTrue();
        assertThat(back.isReadyFor(4L)).isFalse();
    }

    @Test
    void anObservedAccountRoundTrips() throws Exception {
        ObservedStorageAccount observed = ObservedStorageAccount.fromAzure(
                "westeurope", "StorageV2", "Standard_ZRS", null, "Hot", null, null, null, null, null, Map.of("a", "1"));
        assertThat(mapper.readValue(mapper.writeValueAsString(observed), ObservedStorageAccount.class))
                .isEqualTo(observed);
    }
}
