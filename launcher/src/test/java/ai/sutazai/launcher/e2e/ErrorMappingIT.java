package ai.sutazai.launcher.e2e;

import static ai.sutazai.launcher.e2e.RunningPlatform.chat;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import ai.sutazai.launcher.e2e.StreamFrames.Event;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How Ollama's failures reach clients of every surface. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ErrorMappingIT {

  private static RunningPlatform platform;

  @BeforeAll
  static void start() throws Exception {
    platform = RunningPlatform.start(new FakeOllamaOptions().tokensPerAnswer(5).tokenDelayMs(1),
        new JsonObject().put("ollama", new JsonObject().put("busy_retries", 2)));
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @BeforeEach
  void clearFaults() {
    platform.ollama.faults().clear();
  }

  /** Verifies that an unknown model answers 404 with Ollama's message on the native, OpenAI and Ollama surfaces. */
  @Test
  void unknownModelIs404Everywhere() {
    Reply nativeReply = platform.postAndRead("/api/v1/chat", chat("x").put("model", "nope:1b"));
    Reply openAi = platform.postAndRead("/v1/chat/completions", chat("x").put("model", "nope:1b"));
    Reply ollama = platform.postAndRead("/api/chat", chat("x").put("model", "nope:1b"));

    assertThat(List.of(nativeReply.status(), openAi.status(), ollama.status())).containsOnly(404);
    assertThat(nativeReply.json().getString("type")).isEqualTo("urn:sutazai:problem:model-not-found");
    assertThat(nativeReply.json().getString("detail")).contains("nope:1b");
    assertThat(openAi.json().getJsonObject("error").getString("message")).contains("nope:1b");
    assertThat(ollama.json().getString("error")).contains("nope:1b");
  }

  /** Verifies that Ollama's "server busy" is retried with backoff, so a passing overload still answers. */
  @Test
  void busyOllamaIsRetried() {
    platform.ollama.faults().failNextWithError(2, 503, "server busy, please try again.  maximum pending requests exceeded");

    Reply reply = platform.postAndRead("/api/v1/chat", chat("retried"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(platform.ollama.recorder().requestCount("/api/chat")).isGreaterThanOrEqualTo(3);
  }

  /** Verifies that Ollama staying busy past the retries answers 503. */
  @Test
  void persistentlyBusyOllamaIs503() {
    platform.ollama.faults().failNextWithError(10, 503, "server busy, please try again.  maximum pending requests exceeded");

    Reply reply = platform.postAndRead("/api/v1/chat", chat("busy"));

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.json().getString("type")).isEqualTo("urn:sutazai:problem:ollama-busy");
  }

  /** Verifies that an error line in the middle of Ollama's stream becomes an SSE error event after the tokens so far. */
  @Test
  void midStreamErrorBecomesAnErrorEvent() {
    platform.ollama.faults().errorMidStream(1, 2, "model runner crashed");

    Reply reply = platform.postAndRead("/api/v1/chat", chat("crash").put("stream", true));

    List<Event> events = StreamFrames.sse(reply.body().toString());
    assertThat(events.get(0).name()).isEqualTo("token");
    Event last = events.get(events.size() - 1);
    assertThat(last.name()).isEqualTo("error");
    assertThat(last.json().getString("detail")).contains("model runner crashed");
  }

  /** Verifies that an unreachable Ollama answers 503 naming its URL, and readiness says which component fails. */
  @Test
  void unreachableOllamaIs503NamingTheUrl() throws Exception {
    String nowhere = "http://127.0.0.1:" + RunningPlatform.freePort();
    try (RunningPlatform orphan = RunningPlatform.start(new FakeOllamaOptions(),
        new JsonObject().put("ollama", new JsonObject().put("url", nowhere)))) {

      Reply chat = orphan.postAndRead("/api/v1/chat", chat("void"));
      Reply ready = orphan.get("/api/v1/system/ready");
      Reply health = orphan.get("/api/v1/system/health");

      assertThat(chat.status()).isEqualTo(503);
      assertThat(chat.json().getString("detail")).contains(nowhere);
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.body().toString()).contains("ollama");
      assertThat(health.status()).isEqualTo(200);
    }
  }

  /** Verifies that readiness and status report a reachable Ollama and the queue's shape. */
  @Test
  void readyAndStatusDescribeTheQueue() {
    Reply ready = platform.get("/api/v1/system/ready");
    JsonObject status = platform.get("/api/v1/system/status").json();

    assertThat(ready.status()).isEqualTo(200);
    assertThat(status.getJsonObject("levels").fieldNames()).containsExactlyInAnyOrder("critical", "high", "normal", "low");
    assertThat(status.getJsonObject("ollama").getBoolean("reachable")).isTrue();
    assertThat(status.getInteger("parallel")).isEqualTo(1);
  }
}
