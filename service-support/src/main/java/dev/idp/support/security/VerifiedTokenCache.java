package dev.idp.support.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Checks each distinct bearer token's signature once. Clients present the same token for minutes; verifying its RS256
 * signature and parsing it again on every request was a seventh of a list request's CPU. A token seen before is
 * answered from here after the validators (expiry, not-before, issuer, audience) have passed on it again, so an
 * expired token is refused exactly as before; anything else goes to the delegate, whose errors are the caller's.
 * At most {@code capacity} tokens are kept: past that, expired ones are dropped, and if that is not enough, all.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> validator;
    private final int capacity;
    private final Clock clock;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedTokenCache(ReactiveJwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, int capacity, Clock clock) {
        this.delegate = delegate;
        this.validator = validator;
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.get(token);
        if (known != null) {
            if (!validator.validate(known).hasErrors()) {
                return Mono.just(known);
            }
            verified.remove(token); // expired since: the delegate says why
        }
        return delegate.decode(token).doOnNext(jwt -> remember(token, jwt));
    }

    private void remember(String token, Jwt jwt) {
        if (verified.size() >= capacity) {
            Instant now = clock.instant();
            verified.values()
                    .removeIf(j -> j.getExpiresAt() == null || !j.getExpiresAt().isAfter(now));
            if (verified.size() >= capacity) {
                verified.clear();
            }
        }
        verified.put(token, jwt);
    }

    int size() {
        return verified.size();
    }
}
