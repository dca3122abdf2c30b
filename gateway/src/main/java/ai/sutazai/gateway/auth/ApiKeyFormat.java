package ai.sutazai.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SutazAI API keys: {@value #PREFIX} and 32 random bytes in base64url (43 characters). Only their
 * SHA-256 hash is stored; the first characters are kept as a prefix that lets people tell keys apart.
 */
public final class ApiKeyFormat {

  public static final String PREFIX = "sk-sutazai-";
  private static final int RANDOM_BYTES = 32;
  private static final int SHOWN_CHARS = 8;
  private static final Pattern KEY = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeyFormat() {
  }

  /** Whether a bearer token is meant as an API key rather than a JWT. */
  public static boolean isApiKey(String token) {
    return token.startsWith(PREFIX);
  }

  /** Whether the token has exactly the shape of a key SutazAI issues. */
  public static boolean isWellFormed(String token) {
    return KEY.matcher(token).matches();
  }

  /** A fresh key. */
  public static String generate() {
    byte[] random = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(random);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** The stored form of a key: its SHA-256 in lower-case hex. */
  public static String hash(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** The part of a key that may be shown again: the prefix and its first random characters. */
  public static String shownPrefix(String key) {
    return key.substring(0, PREFIX.length() + SHOWN_CHARS);
  }
}
