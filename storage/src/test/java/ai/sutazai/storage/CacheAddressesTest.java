package ai.sutazai.storage;

import static ai.sutazai.verticles.storage.StorageAddresses.CACHE_GET;
import static ai.sutazai.verticles.storage.StorageAddresses.CACHE_PUT;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cache addresses over the in-process cache, the machine's Redis (127.0.0.1:6379) and a Redis that is not
 * there. PostgreSQL is pointed at a closed port: the cache does not need it.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CacheAddressesTest {

  private static final String MACHINE_REDIS = "redis://127.0.0.1:6379";

  @TempDir
  Path dataDir;

  /** Verifies that a stored value is read back until its time to live has passed, then is a miss. */
  @ParameterizedTest
  @ValueSource(strings = {"", MACHINE_REDIS})
  void storesValuesUntilTheyExpire(String redisUrl, Vertx vertx) {
    StorageBus bus = deploy(vertx, redisUrl);
    String key = "test:" + UUID.randomUUID();
    String shortLived = "test:" + UUID.randomUUID();

    assertThat(bus.request(CACHE_PUT, put(key, "{\"answer\":42}", 60_000))).isEqualTo(new JsonObject());
    bus.request(CACHE_PUT, put(shortLived, "", 100));

    assertThat(get(bus, key)).isEqualTo(new JsonObject().put("value", "{\"answer\":42}"));
    assertThat(get(bus, "test:" + UUID.randomUUID())).isEqualTo(new JsonObject().putNull("value"));
    bus.awaitCondition("the short-lived entry to expire", 10,
      () -> get(bus, shortLived).getValue("value") == null);
  }

  /** Verifies that without a Redis URL STATUS reports the in-process cache up, without an endpoint. */
  @Test
  void statusNamesTheBackend(Vertx vertx) {
    JsonObject inProcess = deploy(vertx, "").status().getJsonObject("cache");

    assertThat(inProcess).isEqualTo(new JsonObject().put("status", "up").put("backend", "in-process"));
  }

  /** Verifies that with the machine's Redis STATUS reports it up with its endpoint. */
  @Test
  void statusReportsRedisUp(Vertx vertx) {
    JsonObject redis = deploy(vertx, MACHINE_REDIS).status().getJsonObject("cache");

    assertThat(redis).isEqualTo(new JsonObject().put("status", "up").put("backend", "redis")
      .put("endpoint", "127.0.0.1:6379"));
  }

  /** Verifies that an unreachable Redis never fails a cache request: reads miss, writes are accepted, STATUS says down. */
  @Test
  void redisAwayMeansMissesNotFailures(Vertx vertx) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    StorageBus bus = deploy(vertx, "redis://127.0.0.1:" + closedPort);

    assertThat(bus.request(CACHE_PUT, put("k", "v", 60_000))).isEqualTo(new JsonObject());
    assertThat(get(bus, "k")).isEqualTo(new JsonObject().putNull("value"));
    JsonObject cache = bus.status().getJsonObject("cache");
    assertThat(cache.getString("status")).isEqualTo("down");
    assertThat(cache.getString("backend")).isEqualTo("redis");
    assertThat(cache.getString("endpoint")).isEqualTo("127.0.0.1:" + closedPort);
  }

  /** Verifies that malformed cache requests are answered 400 naming the field. */
  @Test
  void malformedRequestsNameTheField(Vertx vertx) {
    StorageBus bus = deploy(vertx, "");

    assertInvalid(bus.failure(CACHE_GET, new JsonObject()), "'key'");
    assertInvalid(bus.failure(CACHE_GET, new JsonObject().put("key", "")), "'key'");
    assertInvalid(bus.failure(CACHE_PUT, put("k", "v", 0)), "'ttl_ms'");
    assertInvalid(bus.failure(CACHE_PUT, put("k", "v", 1).put("ttl_ms", "soon")), "'ttl_ms'");
    assertInvalid(bus.failure(CACHE_PUT, put("k", "v", 1).put("ttl_ms", 1.5)), "'ttl_ms'");
    assertInvalid(bus.failure(CACHE_PUT, put("k", "v", 1).put("value", 42)), "'value'");
    assertInvalid(bus.failure(CACHE_PUT, "not json"), "JSON object");
  }

  private StorageBus deploy(Vertx vertx, String redisUrl) {
    StorageBus.deploy(vertx, StorageConfig.create()
      .with("pg.url", "postgresql://postgres@127.0.0.1:1/nowhere")
      .with("redis.url", redisUrl)
      .with("data.dir", dataDir.toString())
      .json());
    return new StorageBus(vertx);
  }

  private static JsonObject put(String key, String value, long ttlMs) {
    return new JsonObject().put("key", key).put("value", value).put("ttl_ms", ttlMs);
  }

  private static JsonObject get(StorageBus bus, String key) {
    return bus.request(CACHE_GET, new JsonObject().put("key", key));
  }

  private static void assertInvalid(Problem problem, String field) {
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.detail()).contains(field);
  }
}
