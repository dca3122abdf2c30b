package ai.sutazai.launcher.e2e;

import static ai.sutazai.launcher.e2e.RunningPlatform.chat;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a client is told when its level is full or its deadline passes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueueLimitsIT {

  private static RunningPlatform platform;

  @BeforeAll
  static void start() throws Exception {
    platform = RunningPlatform.start(new FakeOllamaOptions().tokensPerAnswer(30).tokenDelayMs(100),
        new JsonObject().put("queue", new JsonObject().put("capacity", 2)));
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  /** Verifies that a full level answers 429 at once with Retry-After, while another level still takes requests. */
  @Test
  void fullLevelIsRejectedAtOnce() {
    Future<Reply> running = send(chat("busy"));
    Eventually.until("the slot to be busy", () -> platform.ollama.recorder().running() == 1);
    Future<Reply> first = send(chat("low-a").put("priority", "low"));
    Future<Reply> second = send(chat("low-b").put("priority", "low"));
    Eventually.until("two low chats to be queued", () -> depth("low") == 2);

    long before = System.nanoTime();
    Reply rejected = platform.postAndRead("/api/v1/chat", chat("low-c").put("priority", "low"));
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
    Future<Reply> high = send(chat("high-a").put("priority", "high"));

    assertThat(rejected.status()).isEqualTo(429);
    assertThat(rejected.contentType()).startsWith("application/problem+json");
    assertThat(rejected.json().getString("type")).isEqualTo("urn:sutazai:problem:queue-full");
    assertThat(Integer.parseInt(rejected.headers().get("Retry-After"))).isPositive();
    assertThat(tookMs).as("a rejection does not wait for the running generation").isLessThan(2_000);
    Eventually.until("the high chat to be queued", () -> depth("high") == 1);
    assertThat(platform.ollama.recorder().started()).doesNotContain("low-c");
    platform.ollama.recorder().reset();
    for (Future<Reply> reply : List.of(running, first, second, high)) {
      reply.await();
    }
  }

  /** Verifies that a chat whose deadline passes while queued answers 504 and never reaches Ollama. */
  @Test
  void expiredDeadlineAnswers504() {
    Future<Reply> running = send(chat("long"));
    Eventually.until("the slot to be busy", () -> platform.ollama.recorder().running() == 1);

    Reply expired = platform.postAndRead("/api/v1/chat", chat("impatient").put("timeout_ms", 300));

    assertThat(expired.status()).isEqualTo(504);
    assertThat(expired.json().getString("type")).isEqualTo("urn:sutazai:problem:deadline-exceeded");
    assertThat(expired.json().getString("request_id")).isEqualTo(expired.headers().get("X-Request-ID"));
    running.await();
    assertThat(platform.ollama.recorder().started()).doesNotContain("impatient");
  }

  private static Future<Reply> send(JsonObject body) {
    return platform.postLater("/api/v1/chat", body);
  }

  private static int depth(String level) {
    return platform.get("/api/v1/system/status").json().getJsonObject("levels").getJsonObject(level)
        .getInteger("depth");
  }
}
