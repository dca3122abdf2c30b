package ai.sutazai.storage.audit;

import ai.sutazai.storage.KeysetToken;
import java.time.OffsetDateTime;

/**
 * The keyset position (at, id) of the last row of an audit page, encoded as an opaque URL-safe token; a token
 * that does not decode is rejected with {@link IllegalArgumentException}.
 */
public record AuditCursor(OffsetDateTime at, long id) {

  private static final String PREFIX = "audit:";

  static AuditCursor after(AuditEntry last) {
    return new AuditCursor(last.at(), last.id());
  }

  public String encode() {
    return new KeysetToken(at, Long.toString(id)).encode(PREFIX);
  }

  public static AuditCursor decode(String token) {
    try {
      KeysetToken position = KeysetToken.decode(token, PREFIX);
      return new AuditCursor(position.time(), Long.parseLong(position.id()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Malformed audit cursor", e);
    }
  }
}
