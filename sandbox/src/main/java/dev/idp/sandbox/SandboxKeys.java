package dev.idp.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The sandbox's own token issuer key: an RSA pair kept under the data directory, so tokens stay valid across restarts.
 * The service is given only the public key, by configuration, as it would be given Entra ID's key set in production.
 */
record SandboxKeys(RSAPublicKey publicKey, RSAPrivateKey privateKey, Path publicKeyFile) {

    static SandboxKeys loadOrCreate(Path directory) {
        Path publicFile = directory.resolve("jwt-public.pem");
        Path privateFile = directory.resolve("jwt-private.pem");
        try {
            Files.createDirectories(directory);
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (Files.exists(publicFile) && Files.exists(privateFile)) {
                RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(pemBody(publicFile)));
                RSAPrivateKey priv = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pemBody(privateFile)));
                return new SandboxKeys(pub, priv, publicFile);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            writePem(privateFile, "PRIVATE KEY", pair.getPrivate().getEncoded());
            writePem(publicFile, "PUBLIC KEY", pair.getPublic().getEncoded());
            return new SandboxKeys((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate(), publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the sandbox's token keys in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot read or make the sandbox's token keys in " + directory
                            + " (delete them, or start with --fresh)",
                    e);
        }
    }

    private static byte[] pemBody(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static void writePem(Path file, String type, byte[] der) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(temp, pem, StandardCharsets.US_ASCII);
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
