package ai.sutazai.launcher.e2e;

import static ai.sutazai.launcher.e2e.RunningPlatform.chat;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.auth.Role;
import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SutazAI's own metrics at {@code /metrics}, scraped with a token as Prometheus would, after chats
 * over SSE, NDJSON and a WebSocket, a 429 from a full queue level, a cache hit and a rate-limited
 * caller: every metric is exported with the values those chats imply.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MetricsIT {

  private static final String MODEL = "tinyllama:latest";
  private static final JsonObject DETERMINISTIC = new JsonObject().put("temperature", 0);
  private static final List<String> PRIORITIES = List.of("critical", "high", "normal", "low");
  private static final List<String> TRANSPORTS = List.of("sse", "ndjson", "websocket");

  private static RunningPlatform platform;

  @BeforeAll
  static void start() throws Exception {
    platform = RunningPlatform.start(new FakeOllamaOptions().tokensPerAnswer(5).tokenDelayMs(2),
        new JsonObject()
            .put("queue", new JsonObject().put("capacity", 1))
            .put("ratelimit", new JsonObject().put("enabled", true).put("user_per_minute", 2)
                .put("admin_per_minute", 100_000).put("admin_per_hour", 1_000_000)));
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  /** Verifies that every SutazAI metric is exported and agrees with the traffic that went through. */
  @Test
  void everyMetricReflectsTheTraffic() {
    // GIVEN a long SSE chat holding the only slot, a low chat queued behind it and one more refused
    platform.ollama.options().tokensPerAnswer(60).tokenDelayMs(50);
    Future<Reply> holder = platform.postLater("/api/v1/chat", chat("holder").put("stream", true));
    Eventually.until("the slot to be busy", () -> platform.ollama.recorder().running() == 1);
    Future<Reply> queued = platform.postLater("/api/v1/chat", chat("queued").put("priority", "low"));
    Eventually.until("a low chat to be queued", () -> scrape().value("sutazai_inference_queue_depth",
        Map.of("priority", "low")).orElse(0.0) == 1.0);
    Reply refused = platform.postAndRead("/api/v1/chat", chat("refused").put("priority", "low"));
    PrometheusText busy = scrape();
    platform.ollama.options().tokensPerAnswer(5).tokenDelayMs(2);
    Reply held = holder.await();
    queued.await();

    // AND chats over NDJSON and a WebSocket, a deterministic chat asked twice, and a user over its limit
    Reply ndjson = platform.postAndRead("/api/chat", chat("ndjson").put("model", MODEL));
    try (ChatSocket socket = ChatSocket.open(platform)) {
      socket.send(chat("socket").put("type", "chat").put("id", "w1"));
      assertThat(socket.awaitFinal("w1")).last().satisfies(f -> assertThat(f.getString("type")).isEqualTo("done"));
    }
    JsonObject question = chat("cache me").put("options", DETERMINISTIC).put("stream", false);
    assertThat(platform.postAndRead("/api/v1/chat", question).json().getBoolean("cached")).isFalse();
    assertThat(platform.postAndRead("/api/v1/chat", question).json().getBoolean("cached")).isTrue();
    MultiMap user = MultiMap.caseInsensitiveMultiMap()
        .set("Authorization", "Bearer " + platform.token("metrics-user", Role.USER));
    List<Integer> userStatuses = List.of(1, 2, 3).stream()
        .map(i -> platform.exchange(HttpMethod.GET, "/api/v1/models", (JsonObject) null, user).await().status())
        .toList();

    assertThat(refused.status()).isEqualTo(429);
    assertThat(held.status()).isEqualTo(200);
    assertThat(ndjson.status()).isEqualTo(200);
    assertThat(userStatuses).containsExactly(200, 200, 429);

    // THEN while the slot was busy the gauges showed it
    assertThat(busy.value("sutazai_inference_in_flight", Map.of())).contains(1.0);
    assertThat(busy.value("sutazai_inference_queue_depth", Map.of("priority", "low"))).contains(1.0);
    assertThat(busy.value("sutazai_gateway_open_streams", Map.of("transport", "sse"))).contains(1.0);

    // AND afterwards every stream is closed, nothing waits and nothing runs
    PrometheusText metrics = Eventually.value("every stream to be closed", Eventually.DEFAULT, () -> {
      PrometheusText scraped = scrape();
      boolean allClosed = TRANSPORTS.stream().allMatch(transport -> scraped.value("sutazai_gateway_open_streams",
          Map.of("transport", transport)).orElse(-1.0) == 0.0);
      return allClosed ? Optional.of(scraped) : Optional.empty();
    });
    for (String priority : PRIORITIES) {
      assertThat(metrics.value("sutazai_inference_queue_depth", Map.of("priority", priority))).contains(0.0);
      assertHistogram(metrics, "sutazai_inference_queue_wait_seconds", Map.of("priority", priority));
    }
    assertThat(metrics.value("sutazai_inference_in_flight", Map.of())).contains(0.0);

    // AND the queue wait, first token and Ollama duration histograms counted every generation
    assertThat(count(metrics, "sutazai_inference_queue_wait_seconds", Map.of("priority", "low"))).isEqualTo(1);
    assertThat(count(metrics, "sutazai_inference_queue_wait_seconds", Map.of("priority", "normal"))).isEqualTo(4);
    assertThat(metrics.value("sutazai_inference_queue_wait_seconds_sum", Map.of("priority", "low")).orElseThrow())
        .as("the low chat waited for the long holder").isGreaterThan(0.5);
    assertHistogram(metrics, "sutazai_inference_time_to_first_token_seconds", Map.of());
    assertThat(count(metrics, "sutazai_inference_time_to_first_token_seconds", Map.of())).isEqualTo(5);
    assertHistogram(metrics, "ollama_request_duration_seconds", Map.of("model", MODEL));
    assertThat(count(metrics, "ollama_request_duration_seconds", Map.of("model", MODEL))).isEqualTo(5);
    assertThat(metrics.value("ollama_request_duration_seconds_sum", Map.of("model", MODEL)).orElseThrow())
        .as("the holder alone generated for about three seconds").isGreaterThan(2.0);

    // AND tokens, rejections, cache lookups and rate-limit refusals were counted
    assertThat(metrics.value("sutazai_inference_tokens_total", Map.of("model", MODEL)))
        .contains(60.0 + 4 * 5);
    assertThat(metrics.value("sutazai_inference_rejections_total", Map.of("reason", "full"))).contains(1.0);
    assertThat(metrics.value("sutazai_inference_rejections_total", Map.of("reason", "deadline"))).contains(0.0);
    assertThat(metrics.value("sutazai_inference_rejections_total", Map.of("reason", "cancelled"))).isPresent();
    assertThat(metrics.value("sutazai_cache_requests_total", Map.of("kind", "inference", "result", "hit")))
        .contains(1.0);
    assertThat(metrics.value("sutazai_cache_requests_total", Map.of("kind", "inference", "result", "miss")))
        .contains(1.0);
    assertThat(metrics.value("sutazai_ratelimit_rejections_total", Map.of("role", "user"))).contains(1.0);
    assertThat(metrics.value("sutazai_ratelimit_rejections_total", Map.of("role", "admin"))).contains(0.0);

    // AND the bytes streamed are what the clients received
    assertThat(metrics.value("sutazai_gateway_streamed_bytes_total", Map.of("transport", "sse")))
        .contains((double) held.body().length());
    assertThat(metrics.value("sutazai_gateway_streamed_bytes_total", Map.of("transport", "ndjson")))
        .contains((double) ndjson.body().length());
    assertThat(metrics.value("sutazai_gateway_streamed_bytes_total", Map.of("transport", "websocket")).orElseThrow())
        .isPositive();
  }

  private static PrometheusText scrape() {
    Reply reply = platform.get("/metrics");
    assertThat(reply.status()).isEqualTo(200);
    return PrometheusText.parse(reply.body().toString());
  }

  private static double count(PrometheusText metrics, String histogram, Map<String, String> labels) {
    return metrics.value(histogram + "_count", labels).orElseThrow();
  }

  /** A histogram with cumulative buckets that end in +Inf holding its count. */
  private static void assertHistogram(PrometheusText metrics, String name, Map<String, String> labels) {
    List<PrometheusText.Sample> buckets = metrics.all(name + "_bucket", labels);
    assertThat(buckets).as(name + " buckets " + labels).hasSizeGreaterThan(5);
    assertThat(buckets).extracting(PrometheusText.Sample::value).isSorted();
    assertThat(buckets.get(buckets.size() - 1).labels()).containsEntry("le", "+Inf");
    assertThat(buckets.get(buckets.size() - 1).value()).isEqualTo(count(metrics, name, labels));
    assertThat(metrics.value(name + "_sum", labels)).isPresent();
  }
}
