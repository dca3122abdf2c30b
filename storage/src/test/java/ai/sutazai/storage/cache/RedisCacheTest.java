package ai.sutazai.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.cache.CacheKeys;
import ai.sutazai.verticles.inference.InferenceKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The cache contract against the machine's Redis at 127.0.0.1:6379, plus what Redis itself stores. */
class RedisCacheTest extends KeyValueCacheContract {

  static final String MACHINE_REDIS = "redis://127.0.0.1:6379";

  @Override
  protected Future<KeyValueCache> openCache(Vertx vertx) {
    return KeyValueCaches.open(vertx, CacheOptions.defaults().withRedisUrl(MACHINE_REDIS))
        .onSuccess(cache -> assertThat(cache.available())
            .as("the machine's Redis at %s answers", MACHINE_REDIS).isTrue());
  }

  /** Verifies that Redis holds a cached answer under the exact inference key with its 7200 s TTL. */
  @Test
  void redisHoldsTheInferenceKeyWithItsTtl() {
    String model = "test-model-" + UUID.randomUUID();
    String key = track(CacheKeys.inference(InferenceKind.GENERATE, model,
        new JsonObject().put("prompt", "why").put("cache", true)));
    cache.put(key, "because", CacheKeys.INFERENCE_TTL).await();

    Redis raw = Redis.createClient(vertx, MACHINE_REDIS);
    try {
      RedisAPI api = RedisAPI.api(raw);
      assertThat(api.exists(List.of(key)).await().toLong()).isEqualTo(1L);
      assertThat(api.ttl(key).await().toLong()).isBetween(7100L, 7200L);
      assertThat(key).matches("cache:ollama:inference:" + model + ":[0-9a-f]{64}");
    } finally {
      raw.close().await();
    }
  }

  /** Verifies that a rate-limit counter in Redis carries the window as its TTL. */
  @Test
  void counterCarriesTheWindowAsTtl() {
    String key = track(CacheKeys.rateLimit("test-" + UUID.randomUUID(), 29_000_000L));
    cache.incrementWithExpiry(key, Duration.ofSeconds(60)).await();

    Redis raw = Redis.createClient(vertx, MACHINE_REDIS);
    try {
      assertThat(RedisAPI.api(raw).ttl(key).await().toLong()).isBetween(50L, 60L);
    } finally {
      raw.close().await();
    }
  }
}
