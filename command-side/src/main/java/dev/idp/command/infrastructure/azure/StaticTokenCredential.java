package dev.idp.command.infrastructure.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.OffsetDateTime;
import reactor.core.publisher.Mono;

/** A fixed bearer token, for an emulator that cannot issue Entra ID tokens. Never configured against real Azure. */
final class StaticTokenCredential implements TokenCredential {

    private final String token;

    StaticTokenCredential(String token) {
        this.token = token;
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
    }
}
