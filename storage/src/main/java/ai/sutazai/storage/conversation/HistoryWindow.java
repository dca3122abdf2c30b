package ai.sutazai.storage.conversation;

import java.util.List;

/**
 * The part of a conversation sent to the model before a new message: at most {@code maxMessages} of the newest
 * complete messages, then fewer, oldest dropped first, until their estimated tokens fit {@code maxTokens}.
 */
public record HistoryWindow(int maxMessages, int maxTokens) {

  public HistoryWindow {
    if (maxMessages < 0 || maxTokens < 0) {
      throw new IllegalArgumentException("history bounds must not be negative, got " + maxMessages + " messages, "
        + maxTokens + " tokens");
    }
  }

  /** The newest messages of {@code oldestFirst} that fit both bounds, oldest first; none when a bound is 0. */
  public List<StoredMessage> fit(List<StoredMessage> oldestFirst) {
    if (maxMessages == 0 || maxTokens == 0) {
      return List.of();
    }
    int from = Math.max(0, oldestFirst.size() - maxMessages);
    long tokens = 0;
    for (int i = from; i < oldestFirst.size(); i++) {
      tokens += estimatedTokens(oldestFirst.get(i));
    }
    while (from < oldestFirst.size() && tokens > maxTokens) {
      tokens -= estimatedTokens(oldestFirst.get(from));
      from++;
    }
    return List.copyOf(oldestFirst.subList(from, oldestFirst.size()));
  }

  /**
   * An answer's stored completion tokens when known; otherwise about four characters a token, rounded up.
   */
  static long estimatedTokens(StoredMessage message) {
    if (message.role().equals("assistant") && message.completionTokens() != null) {
      return message.completionTokens();
    }
    int characters = message.content().codePointCount(0, message.content().length());
    return (characters + 3) / 4;
  }
}
