package ai.sutazai.gateway.testing;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for localhost and 127.0.0.1, made by the JDK's {@code keytool} and
 * written as the PEM pair the gateway's {@code tls.cert} and {@code tls.key} read.
 *
 * @param cert the PEM certificate file
 * @param key  the PEM (PKCS#8) private key file
 */
public record TestCertificate(Path cert, Path key) {

  private static final char[] PASSWORD = "test-only".toCharArray();

  /** Creates the pair in {@code dir}. */
  public static TestCertificate create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
    Path store = dir.resolve("test.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "gateway", "-keyalg", "RSA",
        "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD)))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(store.toFile())) {
      keyStore.load(in, PASSWORD);
    }
    Path cert = Files.writeString(dir.resolve("cert.pem"),
        pem("CERTIFICATE", keyStore.getCertificate("gateway").getEncoded()));
    Path key = Files.writeString(dir.resolve("key.pem"),
        pem("PRIVATE KEY", keyStore.getKey("gateway", PASSWORD).getEncoded()));
    return new TestCertificate(cert, key);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
