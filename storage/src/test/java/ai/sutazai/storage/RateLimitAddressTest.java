package ai.sutazai.storage;

import static ai.sutazai.verticles.storage.StorageAddresses.RATE_LIMIT_HIT;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.pg.TestServer;
import ai.sutazai.verticles.cache.CacheKeys;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.storage.RateLimitWindow;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code RATE_LIMIT_HIT} over the in-process cache and the machine's Redis (127.0.0.1:6379): exact
 * counts under concurrency, shared by two storage verticles in two Vert.x instances on one Redis,
 * and 0 (fail open) when Redis is away. Each test counts a subject of its own and deletes its keys.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RateLimitAddressTest {

  private static final String MACHINE_REDIS = "redis://127.0.0.1:6379";

  @TempDir
  Path dataDir;

  /** Verifies that 50 concurrent hits are counted 1 to 50 exactly once in both windows, with their reset times. */
  @ParameterizedTest
  @ValueSource(strings = {"", MACHINE_REDIS})
  void countsConcurrentHitsExactly(String redisUrl, Vertx vertx) throws Exception {
    deploy(vertx, redisUrl);
    String subject = "test-" + UUID.randomUUID();
    try {
      List<JsonObject> replies = hits(vertx, subject, 50);

      for (RateLimitWindow window : RateLimitWindow.values()) {
        assertThat(replies.stream().map(r -> r.getJsonObject(window.wireName()).getLong("count")))
            .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
      }
      assertThat(replies).allSatisfy(r -> {
        assertThat(r.getJsonObject("minute").getLong("reset_in_ms")).isBetween(1L, 60_000L);
        assertThat(r.getJsonObject("hour").getLong("reset_in_ms")).isBetween(1L, 3_600_000L);
      });
    } finally {
      deleteKeys(vertx, redisUrl, subject);
    }
  }

  /** Verifies that two storage verticles in two Vert.x instances on one Redis count into the same counters. */
  @Test
  void twoProcessesOnOneRedisShareTheCount(Vertx vertx) throws Exception {
    Vertx other = Vertx.vertx();
    String subject = "test-" + UUID.randomUUID();
    try {
      deploy(vertx, MACHINE_REDIS);
      StorageBus.deploy(other, config(MACHINE_REDIS, dataDir.resolve("other")));

      List<Future<JsonObject>> both = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        both.add(hit(vertx, subject));
        both.add(hit(other, subject));
      }
      TestServer.await(Future.all(both));

      assertThat(both.stream().map(f -> f.result().getJsonObject("minute").getLong("count")))
          .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
      Redis raw = Redis.createClient(vertx, MACHINE_REDIS);
      try {
        long ttl = TestServer.await(RedisAPI.api(raw).pttl(CacheKeys.rateLimit(subject, RateLimitWindow.MINUTE,
            System.currentTimeMillis()))).toLong();
        assertThat(ttl).as("the minute counter expires soon after its window").isBetween(1L, 65_000L);
      } finally {
        TestServer.await(raw.close());
      }
    } finally {
      deleteKeys(vertx, MACHINE_REDIS, subject);
      TestServer.await(other.close());
    }
  }

  /** Verifies that with Redis away a hit answers count 0, so that the gateway serves the request. */
  @Test
  void redisAwayAnswersZero(Vertx vertx) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    deploy(vertx, "redis://127.0.0.1:" + closedPort);

    JsonObject reply = new StorageBus(vertx).request(RATE_LIMIT_HIT, new JsonObject().put("subject", "s"));

    assertThat(reply.getJsonObject("minute").getLong("count")).isZero();
    assertThat(reply.getJsonObject("hour").getLong("count")).isZero();
  }

  /** Verifies that a hit without a subject is answered 400 naming the field. */
  @Test
  void aHitNeedsASubject(Vertx vertx) {
    deploy(vertx, "");
    StorageBus bus = new StorageBus(vertx);

    for (JsonObject body : List.of(new JsonObject(), new JsonObject().put("subject", " "),
        new JsonObject().put("subject", 7))) {
      Problem problem = bus.failure(RATE_LIMIT_HIT, body);
      assertThat(problem.status()).isEqualTo(400);
      assertThat(problem.detail()).contains("'subject'");
    }
  }

  private void deploy(Vertx vertx, String redisUrl) {
    StorageBus.deploy(vertx, config(redisUrl, dataDir));
  }

  private static JsonObject config(String redisUrl, Path dataDir) {
    return StorageConfig.create()
        .with("pg.url", "postgresql://postgres@127.0.0.1:1/nowhere")
        .with("redis.url", redisUrl)
        .with("data.dir", dataDir.toString())
        .json();
  }

  private static Future<JsonObject> hit(Vertx vertx, String subject) {
    return vertx.eventBus().<JsonObject>request(RATE_LIMIT_HIT, new JsonObject().put("subject", subject))
        .map(Message::body);
  }

  private static List<JsonObject> hits(Vertx vertx, String subject, int count) {
    List<Future<JsonObject>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sent.add(hit(vertx, subject));
    }
    TestServer.await(Future.all(sent));
    return sent.stream().map(Future::result).toList();
  }

  private static void deleteKeys(Vertx vertx, String redisUrl, String subject) {
    if (redisUrl.isEmpty()) {
      return;
    }
    Redis raw = Redis.createClient(vertx, redisUrl);
    try {
      RedisAPI api = RedisAPI.api(raw);
      List<String> keys = new ArrayList<>();
      TestServer.await(api.keys("ratelimit:" + subject + ":*")).forEach(key -> keys.add(key.toString()));
      if (!keys.isEmpty()) {
        TestServer.await(api.del(keys));
      }
    } finally {
      TestServer.await(raw.close());
    }
  }
}
