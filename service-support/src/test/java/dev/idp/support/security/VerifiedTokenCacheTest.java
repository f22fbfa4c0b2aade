package dev.idp.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class VerifiedTokenCacheTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final MovingClock clock = new MovingClock();
    final JwtTimestampValidator validator = timestamps(clock);
    final AtomicInteger verifications = new AtomicInteger();

    /** Stands for the signature check: tokens are "good-<minutes to live>" or anything else, refused. */
    final ReactiveJwtDecoder signatureCheck = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good-")) {
            return Mono.error(new BadJwtException("bad signature"));
        }
        Jwt jwt = Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject("alice")
                .issuedAt(clock.instant())
                .expiresAt(clock.instant().plus(Duration.ofMinutes(Long.parseLong(token.substring(5)))))
                .build();
        return validator.validate(jwt).hasErrors()
                ? Mono.error(new JwtValidationException(
                        "expired", validator.validate(jwt).getErrors()))
                : Mono.just(jwt);
    };

    static JwtTimestampValidator timestamps(Clock clock) {
        JwtTimestampValidator validator = new JwtTimestampValidator(Duration.ZERO);
        validator.setClock(clock);
        return validator;
    }

    @Test
    void aTokenPresentedAgainIsNotVerifiedAgain() {
        VerifiedTokenCache cache = new VerifiedTokenCache(signatureCheck, validator, 100, clock);

        Jwt first = cache.decode("good-10").block();
        Jwt second = cache.decode("good-10").block();

        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRememberedTokenGoesBackToTheDelegateOnceItHasExpired() {
        VerifiedTokenCache cache = new VerifiedTokenCache(signatureCheck, validator, 100, clock);
        cache.decode("good-10").block();

        clock.now = T0.plus(Duration.ofMinutes(11));

        // the delegate decides again (here: it still finds the signature good but builds a fresh expiry)
        Jwt again = cache.decode("good-10").block();
        assertThat(verifications).hasValue(2);
        assertThat(again.getExpiresAt()).isAfter(clock.now);
    }

    @Test
    void anExpiredRememberedTokenGetsTheDelegatesRefusal() {
        ReactiveJwtDecoder realExpiry = token -> {
            verifications.incrementAndGet();
            Jwt jwt = Jwt.withTokenValue(token)
                    .header("alg", "RS256")
                    .subject("alice")
                    .issuedAt(T0)
                    .expiresAt(T0.plus(Duration.ofMinutes(10)))
                    .build();
            return validator.validate(jwt).hasErrors()
                    ? Mono.error(new JwtValidationException(
                            "expired", validator.validate(jwt).getErrors()))
                    : Mono.just(jwt);
        };
        VerifiedTokenCache cache = new VerifiedTokenCache(realExpiry, validator, 100, clock);
        assertThat(cache.decode("t").block()).isNotNull();

        clock.now = T0.plus(Duration.ofMinutes(11));

        assertThatThrownBy(() -> cache.decode("t").block()).isInstanceOf(JwtValidationException.class);
        assertThat(cache.size()).isZero();
    }

    @Test
    void refusedTokensAreNeverRemembered() {
        VerifiedTokenCache cache = new VerifiedTokenCache(signatureCheck, validator, 100, clock);

        assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);

        assertThat(verifications).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void pastItsCapacityItDropsExpiredTokensFirstThenEverything() {
        VerifiedTokenCache cache = new VerifiedTokenCache(signatureCheck, validator, 3, clock);
        cache.decode("good-1").block();
        cache.decode("good-60").block();
        cache.decode("good-61").block();
        clock.now = T0.plus(Duration.ofMinutes(2)); // good-1 has expired

        cache.decode("good-62").block();
        assertThat(cache.size()).isEqualTo(3); // good-1 went, the others stayed

        cache.decode("good-63").block();
        assertThat(cache.size()).isEqualTo(1); // nothing had expired: all went, the new one stays
    }
}
