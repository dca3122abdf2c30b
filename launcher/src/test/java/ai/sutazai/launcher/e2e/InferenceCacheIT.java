package ai.sutazai.launcher.e2e;

import static ai.sutazai.launcher.e2e.RunningPlatform.chat;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import ai.sutazai.storage.testing.RedisServerProcess;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The inference cache on a real Redis: hits stream without Ollama, keys and TTL, and Redis going away and back. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class InferenceCacheIT {

  private static final JsonObject DETERMINISTIC = new JsonObject().put("temperature", 0);
  private static final AtomicInteger QUESTIONS = new AtomicInteger();
  private static RedisServerProcess redis;
  private static RunningPlatform platform;

  @BeforeAll
  static void start() throws Exception {
    redis = new RedisServerProcess(RedisServerProcess.freePort()).start();
    platform = RunningPlatform.start(new FakeOllamaOptions().tokensPerAnswer(6).tokenDelayMs(1),
        new JsonObject().put("redis", new JsonObject().put("url", redis.url())));
  }

  @AfterAll
  static void stop() {
    try {
      platform.close();
    } finally {
      redis.close();
    }
  }

  @BeforeEach
  void resetOllama() {
    platform.ollama.recorder().reset();
  }

  /**
   * Verifies that a deterministic chat asked again streams the same tokens from the cache, with
   * cached: true and without a second generation, under the seed's key shape and TTL.
   */
  @Test
  void streamedHitSkipsOllama() {
    JsonObject question = deterministic();
    List<StreamFrames.Event> first = stream(question);
    assertThat(done(first).getBoolean("cached")).isFalse();

    List<StreamFrames.Event> second = Eventually.value("a cached answer", Duration.ofSeconds(10), () -> {
      List<StreamFrames.Event> events = stream(question);
      return done(events).getBoolean("cached") ? Optional.of(events) : Optional.empty();
    });

    assertThat(StreamFrames.joined(second, "token", "content")).isEqualTo(StreamFrames.joined(first, "token", "content"));
    assertThat(second.stream().filter(e -> e.name().equals("token"))).hasSize(6);
    assertThat(platform.ollama.recorder().started()).containsOnly(label(question));
    assertThat(platform.ollama.recorder().started()).hasSize(1);
    List<String> keys = redis("KEYS", "cache:ollama:inference:*").stream().map(Response::toString).toList();
    assertThat(keys).isNotEmpty().allMatch(key -> key.matches("cache:ollama:inference:tinyllama:latest:[0-9a-f]{64}"));
    long ttl = redis("PTTL", keys.get(0)).toLong();
    assertThat(ttl).isBetween(7_100_000L, 7_200_000L);
  }

  /** Verifies that sampled chat is never answered from the cache. */
  @Test
  void sampledChatIsNeverCached() {
    JsonObject sampled = chat("sampled " + QUESTIONS.incrementAndGet()).put("stream", false);

    assertThat(answer(sampled).getBoolean("cached")).isFalse();
    assertThat(answer(sampled).getBoolean("cached")).isFalse();
    assertThat(platform.ollama.recorder().started()).hasSize(2);
  }

  /**
   * Verifies that chats keep succeeding while Redis is down (readiness and the storage gauge say the
   * cache is down), and that the cache is used again once Redis is back.
   */
  @Test
  void servesWithoutRedisAndUsesItAgainWhenBack() {
    redis.stop();
    try {
      for (int i = 0; i < 3; i++) {
        JsonObject reply = answer(deterministic().put("stream", false));
        assertThat(reply.getBoolean("cached")).isFalse();
      }
      Eventually.until("the cache to be reported down", () -> {
        Reply ready = platform.get("/api/v1/system/ready");
        return ready.status() == 200
            && "down".equals(ready.json().getJsonObject("components").getJsonObject("cache").getString("status"));
      });
      assertThat(platform.get("/metrics").body().toString())
          .contains("sutazai_storage_available{component=\"cache\"} 0.0");
    } finally {
      redis.start();
    }

    JsonObject question = deterministic().put("stream", false);
    Eventually.value("the cache to answer again", Duration.ofSeconds(30), () ->
        answer(question).getBoolean("cached") ? Optional.of(true) : Optional.empty());
    assertThat(platform.get("/metrics").body().toString())
        .contains("sutazai_storage_available{component=\"cache\"} 1.0");
  }

  private static JsonObject deterministic() {
    return chat("deterministic " + QUESTIONS.incrementAndGet()).put("options", DETERMINISTIC.copy()).put("store", false);
  }

  private static String label(JsonObject chat) {
    return chat.getJsonArray("messages").getJsonObject(0).getString("content");
  }

  private static List<StreamFrames.Event> stream(JsonObject chat) {
    Reply reply = platform.postAndRead("/api/v1/chat", chat.copy().put("stream", true));
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    return StreamFrames.sse(reply.body().toString());
  }

  private static JsonObject done(List<StreamFrames.Event> events) {
    StreamFrames.Event last = events.get(events.size() - 1);
    assertThat(last.name()).isEqualTo("done");
    return last.json();
  }

  private static JsonObject answer(JsonObject chat) {
    Reply reply = platform.postAndRead("/api/v1/chat", chat);
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    return reply.json();
  }

  private static Response redis(String command, String... args) {
    Redis client = Redis.createClient(platform.vertx, redis.url());
    try {
      return platform.onContext(() -> RedisAPI.api(client).send(io.vertx.redis.client.Command.create(command), args))
          .await();
    } finally {
      client.close();
    }
  }
}
