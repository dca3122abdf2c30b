package ai.sutazai.storage.task;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * The keyset position (created_at, id) of the last task of a page, encoded as an opaque URL-safe token; a token
 * that does not decode is rejected with {@link IllegalArgumentException}.
 */
public record TaskCursor(OffsetDateTime createdAt, UUID id) {

  private static final String PREFIX = "task:";

  static TaskCursor after(Task last) {
    return new TaskCursor(last.createdAt(), last.id());
  }

  public String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt.toInstant());
    String plain = PREFIX + micros + ":" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
  }

  public static TaskCursor decode(String token) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
      if (!plain.startsWith(PREFIX)) {
        throw new IllegalArgumentException("not a task cursor");
      }
      String rest = plain.substring(PREFIX.length());
      int colon = rest.indexOf(':');
      Instant instant = Instant.EPOCH.plus(Long.parseLong(rest.substring(0, colon)), ChronoUnit.MICROS);
      UUID id = UUID.fromString(rest.substring(colon + 1));
      return new TaskCursor(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), id);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Malformed task cursor", e);
    }
  }
}
