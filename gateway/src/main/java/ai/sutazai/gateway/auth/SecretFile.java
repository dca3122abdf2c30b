package ai.sutazai.gateway.auth;

import ai.sutazai.verticles.config.Settings;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HS256 secret SutazAI makes for itself on first start when no JWT key is configured:
 * {@code data.dir/jwt.secret}, 32 random bytes in base64url, readable by its owner only.
 */
public final class SecretFile {

  public static final String NAME = "jwt.secret";
  private static final int SECRET_BYTES = 32;

  private SecretFile() {
  }

  /** Where the secret lives for this configuration. */
  public static Path path(JsonObject config) {
    return Path.of(Settings.DATA_DIR.stringIn(config)).resolve(NAME);
  }

  /** Whether tokens are verified with the generated secret: authentication on, and no key configured. */
  public static boolean inUse(JsonObject config) {
    return "on".equals(Settings.AUTH.stringIn(config))
        && Settings.JWT_SECRET.optionalStringIn(config) == null
        && Settings.JWT_KEY_FILE.optionalStringIn(config) == null
        && Settings.JWT_JWKS_URL.optionalStringIn(config) == null;
  }

  /**
   * Creates the secret file unless it exists, atomically (it appears whole, mode 0600, or not at
   * all); blocking, for the launcher before anything runs.
   *
   * @return true when this call created it
   */
  public static boolean createIfAbsent(Path file) throws IOException {
    if (Files.exists(file)) {
      return false;
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    byte[] random = new byte[SECRET_BYTES];
    new SecureRandom().nextBytes(random);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Path temp = Files.createTempFile(dir, ".jwt.secret-", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(temp, secret + "\n", StandardCharsets.UTF_8);
      publish(temp, file);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Gives the whole temporary file its final name, never replacing a file another process made meanwhile. */
  private static void publish(Path temp, Path file) throws IOException {
    try {
      Files.createLink(file, temp);
    } catch (UnsupportedOperationException e) {
      // A file system without hard links: a move without REPLACE_EXISTING still refuses an existing file.
      Files.move(temp, file);
    }
  }

  /** The secret as the file holds it, without surrounding whitespace. */
  public static String secretIn(String fileText) {
    return fileText.trim();
  }
}
