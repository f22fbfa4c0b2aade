package dev.idp.sandbox;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sandbox's token issuer, on the key pair {@link SandboxMain} prepared under the data directory. */
@Configuration(proxyBeanMethods = false)
class SandboxTokensConfiguration {

    @Bean
    SandboxTokens sandboxTokens(@Value("${idp.sandbox.keys-directory}") Path keysDirectory) {
        return new SandboxTokens(SandboxKeys.loadOrCreate(keysDirectory));
    }
}
