package dev.idp.support.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs real RS256 tokens for tests, with a key pair made once per JVM. The service checks them through its real
 * security chain, configured with {@link #publicKeyLocation()}, {@link #ISSUER} and {@link #AUDIENCE}.
 */
public final class TestTokens {

    public static final String ISSUER = "https://idp-tests.local/";
    public static final String AUDIENCE = "api://idp-storage-accounts";

    private static final KeyPair KEYS = generate();
    private static final Path PUBLIC_KEY = writePublicKey();

    private TestTokens() {}

    /** A {@code file:} location of the public key in PEM, for {@code idp.security.jwt.public-key-location}. */
    public static String publicKeyLocation() {
        return PUBLIC_KEY.toUri().toString();
    }

    public static String forRoles(String subject, String... roles) {
        return sign(ISSUER, AUDIENCE, subject, List.of(roles), Instant.now().plusSeconds(600));
    }

    public static String sign(String issuer, String audience, String subject, List<String> roles, Instant expiry) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .claim("preferred_username", subject + "@example.com")
                .claim("roles", roles)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(new Date())
                .expirationTime(Date.from(expiry))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(KEYS.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** A token signed with a key the service does not know. */
    public static String foreign(String... roles) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("mallory")
                .claim("roles", List.of(roles))
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(generate().getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePublicKey() {
        try {
            Path file = Files.createTempFile("idp-test-jwt", ".pem");
            file.toFile().deleteOnExit();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes())
                            .encodeToString(KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(file, pem);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
