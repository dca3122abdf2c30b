package ai.sutazai.storage.conversation;

import ai.sutazai.storage.KeysetToken;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The keyset position (updated_at, id) of the last conversation of a page, encoded as an opaque URL-safe
 * token; a token that does not decode is rejected with {@link IllegalArgumentException}.
 */
public record ConversationCursor(OffsetDateTime updatedAt, UUID id) {

  private static final String PREFIX = "";

  static ConversationCursor after(Conversation last) {
    return new ConversationCursor(last.updatedAt(), last.id());
  }

  public String encode() {
    return new KeysetToken(updatedAt, id.toString()).encode(PREFIX);
  }

  public static ConversationCursor decode(String token) {
    try {
      KeysetToken position = KeysetToken.decode(token, PREFIX);
      return new ConversationCursor(position.time(), UUID.fromString(position.id()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Malformed conversation cursor", e);
    }
  }
}
