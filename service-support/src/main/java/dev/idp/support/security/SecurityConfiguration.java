package dev.idp.support.security;

import dev.idp.support.web.Problems;
import dev.idp.support.web.Problems.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Mono;

/**
 * Every {@code /api/**} call carries a JWT; its {@code roles} claim decides what the caller may do, per the contract's
 * role table ({@link #authorize}). Failures answer 401 or 403 as RFC 9457 problems.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(JwtProperties.class)
public class SecurityConfiguration {

    /** How many distinct verified tokens are remembered (a few hundred bytes each). */
    static final int VERIFIED_TOKENS = 10_000;

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 10)
    SecurityWebFilterChain apiSecurity(
            ServerHttpSecurity http, ReactiveJwtDecoder decoder, JwtProperties properties, Problems problems) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"idp\"");
            return problems.write(exchange, Problem.of(HttpStatus.UNAUTHORIZED, "unauthenticated", describe(e)));
        };
        ServerAccessDeniedHandler forbidden = (exchange, e) -> problems.write(
                exchange, Problem.of(HttpStatus.FORBIDDEN, "forbidden", "the token's roles do not allow this request"));
        return http.securityMatcher(ServerWebExchangeMatchers.anyExchange())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(SecurityConfiguration::authorize)
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtDecoder(decoder)
                                .jwtAuthenticationConverter(authenticationConverter(properties.rolesClaim())))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .build();
    }

    /** The contract's role table, in one place. */
    static void authorize(ServerHttpSecurity.AuthorizeExchangeSpec exchanges) {
        String accounts = "/api/v1/storage-accounts";
        exchanges
                .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                .permitAll()
                // portal: the commands
                .pathMatchers(HttpMethod.POST, accounts)
                .hasRole(Roles.PORTAL)
                .pathMatchers(HttpMethod.PUT, accounts + "/*/spec")
                .hasRole(Roles.PORTAL)
                .pathMatchers(HttpMethod.DELETE, accounts + "/*")
                .hasRole(Roles.PORTAL)
                .pathMatchers(HttpMethod.POST, accounts + "/*/remediations", accounts + "/*/adoption")
                .hasRole(Roles.PORTAL)
                // operator: sweeps, rebuilds, recovery
                .pathMatchers("/api/v1/observation/**", "/api/v1/admin/**", "/api/v1/dr/**")
                .hasRole(Roles.OPERATOR)
                // auditor: history and the export
                .pathMatchers(HttpMethod.GET, accounts + "/*/history", "/api/v1/events")
                .hasRole(Roles.AUDITOR)
                // viewer: the projections
                .pathMatchers(HttpMethod.GET, "/api/**")
                .hasRole(Roles.VIEWER)
                .pathMatchers("/api/**")
                .authenticated()
                .anyExchange()
                .denyAll();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtProperties properties) {
        NimbusReactiveJwtDecoder decoder;
        if (StringUtils.hasText(properties.jwkSetUri())) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                    .build();
        } else if (properties.publicKeyLocation() != null
                && properties.publicKeyLocation().exists()) {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(readPublicKey(properties))
                    .build();
        } else {
            throw new IllegalStateException("No key to check bearer tokens with: set IDP_JWT_JWK_SET_URI (Entra ID: "
                    + "https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys) or "
                    + "IDP_JWT_PUBLIC_KEY_LOCATION (an RSA public key in PEM)"
                    + (properties.publicKeyLocation() == null
                            ? ""
                            : "; " + properties.publicKeyLocation() + " does not exist"));
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(
                StringUtils.hasText(properties.issuer())
                        ? JwtValidators.createDefaultWithIssuer(properties.issuer())
                        : JwtValidators.createDefault());
        if (StringUtils.hasText(properties.audience())) {
            validators.add(new JwtClaimValidator<Collection<String>>(
                    JwtClaimNames.AUD, aud -> aud != null && aud.contains(properties.audience())));
        }
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(validators);
        decoder.setJwtValidator(validator);
        return new VerifiedTokenCache(decoder, validator, VERIFIED_TOKENS, Clock.systemUTC());
    }

    private static RSAPublicKey readPublicKey(JwtProperties properties) {
        try (InputStream in = properties.publicKeyLocation().getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read the RSA public key at " + properties.publicKeyLocation(), e);
        }
    }

    static Converter<Jwt, Mono<AbstractAuthenticationToken>> authenticationConverter(String rolesClaim) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<String> granted = jwt.getClaimAsStringList(rolesClaim);
            Collection<GrantedAuthority> authorities = new ArrayList<>();
            if (granted != null) {
                Roles.effective(granted).forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            }
            return authorities;
        });
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() || message.startsWith("Not Authenticated")
                ? "a valid bearer token is required"
                : message;
    }
}
