package ai.sutazai.storage.task;

import ai.sutazai.storage.KeysetToken;
import java.time.OffsetDateTime;
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
    return new KeysetToken(createdAt, id.toString()).encode(PREFIX);
  }

  public static TaskCursor decode(String token) {
    try {
      KeysetToken position = KeysetToken.decode(token, PREFIX);
      return new TaskCursor(position.time(), UUID.fromString(position.id()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Malformed task cursor", e);
    }
  }
}
