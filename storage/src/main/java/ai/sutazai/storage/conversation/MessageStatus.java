package ai.sutazai.storage.conversation;

import java.util.Locale;

/** How an assistant answer ended; user messages are always {@link #COMPLETE}. */
public enum MessageStatus {
  COMPLETE, CANCELLED, FAILED;

  /** The value stored in {@code messages.status}. */
  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  static MessageStatus fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
