package dev.idp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxOptionsTest {

    @Test
    void defaultsToTheContractsPortsAndTheRealProvidersPoll() {
        SandboxOptions options = SandboxOptions.parse(new String[0], Map.of());

        assertThat(options.apiAddress()).isEqualTo("127.0.0.1");
        assertThat(options.apiPort()).isEqualTo(8080);
        assertThat(options.azurePort()).isEqualTo(8181);
        assertThat(options.kubernetesPort()).isEqualTo(8282);
        assertThat(options.providerPollInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(options.dataDirectory())
                .isEqualTo(Path.of(".sandbox").toAbsolutePath().normalize());
        assertThat(options.fresh()).isFalse();
    }

    @Test
    void flagsWinOverTheEnvironment() {
        SandboxOptions options = SandboxOptions.parse(
                new String[] {
                    "--fresh", "--api-port=9000", "--azure-port=9181", "--kubernetes-port=9282", "--provider-poll=2s"
                },
                Map.of(
                        "IDP_HTTP_PORT", "7000",
                        "IDP_SANDBOX_AZURE_PORT", "7181",
                        "IDP_SANDBOX_KUBERNETES_PORT", "7282",
                        "IDP_SANDBOX_PROVIDER_POLL", "1h"));

        assertThat(options.fresh()).isTrue();
        assertThat(options.apiPort()).isEqualTo(9000);
        assertThat(options.azurePort()).isEqualTo(9181);
        assertThat(options.kubernetesPort()).isEqualTo(9282);
        assertThat(options.providerPollInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void readsTheEnvironment() {
        SandboxOptions options = SandboxOptions.parse(
                new String[0], Map.of("IDP_SANDBOX_AZURE_PORT", "0", "IDP_SANDBOX_PROVIDER_POLL", "PT30S"));

        assertThat(options.azurePort()).isZero();
        assertThat(options.providerPollInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @CsvSource({"500ms, 500", "30s, 30000", "10m, 600000", "1h, 3600000", "PT2M, 120000"})
    void parsesDurations(String text, long millis) {
        assertThat(SandboxOptions.parseDuration(text, "x")).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--azure-port=70000",
                "--kubernetes-port=abc",
                "--provider-poll=soon",
                "--provider-poll=10ms",
                "--unknown"
            })
    void refusesBadOptionsWithAClearMessage(String arg) {
        assertThatThrownBy(() -> SandboxOptions.parse(new String[] {arg}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg);
    }
}
