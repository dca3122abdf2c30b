package ai.sutazai.storage.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * The keyset position (updated_at, id) of the last conversation of a page, encoded as an opaque URL-safe
 * token; a token that does not decode is rejected with {@link IllegalArgumentException}.
 */
public record ConversationCursor(OffsetDateTime updatedAt, UUID id) {

  static ConversationCursor after(Conversation last) {
    return new ConversationCursor(last.updatedAt(), last.id());
  }

  public String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, updatedAt.toInstant());
    String plain = micros + ":" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
  }

  public static ConversationCursor decode(String token) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
      int colon = plain.indexOf(':');
      long micros = Long.parseLong(plain.substring(0, colon));
      UUID id = UUID.fromString(plain.substring(colon + 1));
      Instant instant = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
      return new ConversationCursor(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), id);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Malformed conversation cursor", e);
    }
  }
}
