package ai.sutazai.launcher;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HS256 secret that child SutazAI processes of the tests get through {@code SUTAZAI_JWT_SECRET}, and
 * tokens signed with it, made without Vert.x so that plain-JDK clients can send them.
 */
public final class TestJwt {

  public static final String SECRET = "process-test-secret-of-at-least-32-bytes";
  /** {@code Authorization} for an admin token of subject {@code local}, valid for a day from class load. */
  public static final String ADMIN = "Bearer " + sign(SECRET, "local", "admin", 86_400);

  private TestJwt() {
  }

  /** A compact HS256 JWT with {@code sub}, {@code role} and an {@code exp} {@code ttlSeconds} from now. */
  public static String sign(String secret, String subject, String role, long ttlSeconds) {
    long exp = System.currentTimeMillis() / 1000 + ttlSeconds;
    return signClaims(secret, "{\"sub\":\"" + subject + "\",\"role\":\"" + role + "\",\"exp\":" + exp + "}");
  }

  /** A compact HS256 JWT whose payload is exactly {@code claimsJson}. */
  public static String signClaims(String secret, String claimsJson) {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String header = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload = url.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] signature = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
      return header + "." + payload + "." + url.encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is in every JDK", e);
    }
  }
}
