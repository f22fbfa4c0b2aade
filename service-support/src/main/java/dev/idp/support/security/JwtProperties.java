package dev.idp.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * How bearer tokens are checked. In production the issuer is Microsoft Entra ID: {@code issuer}
 * {@code https://login.microsoftonline.com/<tenant>/v2.0}, {@code jwkSetUri}
 * {@code https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys}, {@code audience} the API's application ID
 * URI. The sandbox signs its own tokens and gives its public key by {@code publicKeyLocation}.
 *
 * @param issuer the {@code iss} every token must carry; blank accepts any issuer (the sandbox and tests only)
 * @param audience an {@code aud} every token must contain; blank accepts any audience
 * @param jwkSetUri where the signing keys are published
 * @param publicKeyLocation an RSA public key (X.509 PEM), instead of a JWK set
 * @param rolesClaim the claim that lists the caller's roles
 */
@ConfigurationProperties("idp.security.jwt")
public record JwtProperties(
        String issuer, String audience, String jwkSetUri, Resource publicKeyLocation, String rolesClaim) {

    public JwtProperties {
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
    }
}
