package dev.idp.sandbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Signs the sandbox's tokens: RS256, with the issuer and audience the service is configured to expect. */
final class SandboxTokens {

    static final String ISSUER = "https://sandbox.idp.local/";
    static final String AUDIENCE = "api://idp-storage-accounts";
    static final Duration LIFETIME = Duration.ofHours(12);

    private final SandboxKeys keys;

    SandboxTokens(SandboxKeys keys) {
        this.keys = keys;
    }

    /**
     * A token for one of the sandbox's own principals talking to the Azure emulator (the service, the provider
     * simulator): the emulator tells principals apart by {@code oid}, as Azure's throttling and activity log do.
     */
    String azurePrincipal(String name) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience("https://management.azure.com/")
                .subject(name)
                .claim("oid", name)
                .claim("appid", name)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(Duration.ofDays(3650))))
                .build();
        return sign(claims);
    }

    String issue(String subject, List<String> roles) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .claim("preferred_username", subject)
                .claim("roles", roles)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        return sign(claims);
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(keys.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a sandbox token", e);
        }
        return jwt.serialize();
    }
}
