package ai.sutazai.launcher.e2e;

import static ai.sutazai.launcher.e2e.RunningPlatform.chat;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The order in which queued chats reach Ollama when its one slot is busy. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueueOrderIT {

  private RunningPlatform platform;
  private final List<Future<Reply>> replies = new ArrayList<>();

  @AfterEach
  void stop() {
    platform.close();
  }

  /** Verifies that with the slot busy and low, normal and high chats waiting, critical goes next, then by level, FIFO within one. */
  @Test
  void criticalGoesFirstThenByLevelFifoWithin() throws Exception {
    platform = RunningPlatform.start(new FakeOllamaOptions().tokensPerAnswer(4).tokenDelayMs(100));
    occupySlot();

    enqueue("low-1", "low");
    enqueue("normal-1", "normal");
    enqueue("high-1", "high");
    enqueue("normal-2", 3);
    enqueue("critical-1", "critical");
    awaitAllReplies();

    assertThat(platform.ollama.recorder().started())
        .containsExactly("running", "critical-1", "high-1", "normal-1", "normal-2", "low-1");
  }

  /** Verifies that a low chat that waited longer than the aging interval goes before a normal one that came later. */
  @Test
  void agingPromotesAStarvingLowRequest() throws Exception {
    platform = RunningPlatform.start(new FakeOllamaOptions().tokensPerAnswer(10).tokenDelayMs(100),
        new JsonObject().put("queue", new JsonObject().put("aging_ms", 300)));
    occupySlot();

    enqueue("low-old", "low");
    platform.vertx.timer(450).await();
    enqueue("normal-new", "normal");
    awaitAllReplies();

    assertThat(platform.ollama.recorder().started()).containsExactly("running", "low-old", "normal-new");
  }

  private void occupySlot() {
    replies.add(platform.postLater("/api/v1/chat", chat("running")));
    Eventually.until("the first chat to reach Ollama", () -> platform.ollama.recorder().running() == 1);
  }

  /** Sends a chat at {@code priority} and waits until the queue holds it, so the order of arrival is known. */
  private void enqueue(String label, Object priority) {
    int queuedBefore = queued();
    replies.add(platform.postLater("/api/v1/chat", chat(label).put("priority", priority)));
    Eventually.until(label + " to be queued", () -> queued() == queuedBefore + 1);
  }

  private int queued() {
    return platform.get("/api/v1/system/status").json().getInteger("queued");
  }

  private void awaitAllReplies() {
    for (Future<Reply> reply : replies) {
      assertThat(reply.await().status()).isEqualTo(200);
    }
  }
}
