package ai.sutazai.storage.conversation;

import java.util.Locale;
import java.util.Optional;

/** How an assistant answer ended; client messages are always {@link #COMPLETE}. */
public enum MessageStatus {
  COMPLETE, CANCELLED, FAILED;

  /** The value stored in {@code messages.status} and used on the event bus. */
  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status whose {@link #dbValue()} is {@code value}, if any. */
  public static Optional<MessageStatus> parse(String value) {
    for (MessageStatus status : values()) {
      if (status.dbValue().equals(value)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  static MessageStatus fromDb(String value) {
    return parse(value).orElseThrow(() -> new IllegalStateException("unknown message status in the database: "
      + value));
  }
}
