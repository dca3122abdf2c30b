package ai.sutazai.storage.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

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
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at.toInstant());
    String plain = PREFIX + micros + ":" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
  }

  public static AuditCursor decode(String token) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
      if (!plain.startsWith(PREFIX)) {
        throw new IllegalArgumentException("not an audit cursor");
      }
      String[] parts = plain.substring(PREFIX.length()).split(":", -1);
      if (parts.length != 2) {
        throw new IllegalArgumentException("expected two parts");
      }
      Instant instant = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
      return new AuditCursor(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), Long.parseLong(parts[1]));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Malformed audit cursor", e);
    }
  }
}
