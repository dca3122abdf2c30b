package ai.sutazai.storage.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HistoryWindowTest {

  private static final List<StoredMessage> CHAT = List.of(
    message(1, "user", "12345678", null),
    message(2, "assistant", "a long answer that would be many tokens", 2),
    message(3, "user", "123", null),
    message(4, "assistant", "", null));

  /** Verifies that a window of 0 messages or 0 tokens sends no history at all. */
  @Test
  void zeroMeansNoHistory() {
    assertThat(new HistoryWindow(0, 1000).fit(CHAT)).isEmpty();
    assertThat(new HistoryWindow(50, 0).fit(CHAT)).isEmpty();
  }

  /** Verifies the estimate: stored completion tokens for answers, else characters divided by four, rounded up. */
  @Test
  void estimatesTokens() {
    assertThat(CHAT).extracting(HistoryWindow::estimatedTokens).containsExactly(2L, 2L, 1L, 0L);
  }

  /** Verifies that the oldest messages go first until both bounds hold. */
  @Test
  void dropsOldestFirst() {
    assertThat(new HistoryWindow(3, 1000).fit(CHAT)).extracting(StoredMessage::seq).containsExactly(2, 3, 4);
    assertThat(new HistoryWindow(50, 4).fit(CHAT)).extracting(StoredMessage::seq).containsExactly(2, 3, 4);
    assertThat(new HistoryWindow(50, 1).fit(CHAT)).extracting(StoredMessage::seq).containsExactly(3, 4);
    assertThat(new HistoryWindow(50, 5).fit(CHAT)).extracting(StoredMessage::seq).containsExactly(1, 2, 3, 4);
  }

  private static StoredMessage message(int seq, String role, String content, Integer completionTokens) {
    return new StoredMessage(seq, role, content, null, MessageStatus.COMPLETE, null, completionTokens, null, null,
      null, OffsetDateTime.now());
  }
}
