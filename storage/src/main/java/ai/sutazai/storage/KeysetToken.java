package ai.sutazai.storage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The opaque URL-safe token of a keyset position (a time to the microsecond, then an id) that list pages hand
 * out as their cursor. {@code kind} is a prefix telling one list's cursors from another's.
 *
 * @param time the time of the last row of the page
 * @param id   the id of that row, as text
 */
public record KeysetToken(OffsetDateTime time, String id) {

  /** The token of this position for lists of {@code kind}. */
  public String encode(String kind) {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, time.toInstant());
    String plain = kind + micros + ":" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The position {@code token} holds; a token of another kind, or one that does not decode, is refused with
   * {@link IllegalArgumentException}.
   */
  public static KeysetToken decode(String token, String kind) {
    String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
    if (!plain.startsWith(kind)) {
      throw new IllegalArgumentException("not a cursor of this list");
    }
    String rest = plain.substring(kind.length());
    int colon = rest.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("no id in the cursor");
    }
    Instant instant = Instant.EPOCH.plus(Long.parseLong(rest.substring(0, colon)), ChronoUnit.MICROS);
    return new KeysetToken(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), rest.substring(colon + 1));
  }
}
