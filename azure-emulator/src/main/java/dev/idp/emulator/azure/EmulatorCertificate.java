package dev.idp.emulator.azure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The emulator's self-signed TLS certificate for {@code 127.0.0.1} and {@code localhost}, made once with the JDK's own
 * {@code keytool} and kept in a directory: {@code emulator.p12} (the key) and {@code emulator.pem} (the certificate
 * that clients trust, e.g. {@code curl --cacert}). The Azure SDK refuses to send a bearer token over plain HTTP, so an
 * emulator of ARM must speak TLS.
 */
public final class EmulatorCertificate {

    static final String PASSWORD = "emulator";
    private static final String ALIAS = "azure-emulator";

    private final Path keyStore;
    private final Path certificate;

    private EmulatorCertificate(Path keyStore, Path certificate) {
        this.keyStore = keyStore;
        this.certificate = certificate;
    }

    /** The certificate under {@code directory}, made there first if it is not yet. */
    public static synchronized EmulatorCertificate loadOrCreate(Path directory) {
        try {
            Files.createDirectories(directory);
            Path p12 = directory.resolve("emulator.p12");
            Path pem = directory.resolve("emulator.pem");
            if (!Files.exists(p12) || !Files.exists(pem)) {
                Files.deleteIfExists(p12);
                keytool(
                        "-genkeypair",
                        "-alias",
                        ALIAS,
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "3650",
                        "-dname",
                        "CN=Azure emulator (IDP sandbox)",
                        "-ext",
                        "SAN=ip:127.0.0.1,dns:localhost",
                        "-keystore",
                        p12.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        PASSWORD,
                        "-keypass",
                        PASSWORD);
                keytool(
                        "-exportcert",
                        "-rfc",
                        "-alias",
                        ALIAS,
                        "-keystore",
                        p12.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        PASSWORD,
                        "-file",
                        pem.toString());
            }
            return new EmulatorCertificate(p12, pem);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make the emulator's certificate in " + directory, e);
        }
    }

    /** The PEM file a client trusts. */
    public Path certificate() {
        return certificate;
    }

    SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the emulator's key store " + keyStore, e);
        }
    }

    private static void keytool(String... args) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>();
        command.add(keytool.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
