package ai.sutazai.storage.session;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.cache.CacheOptions;
import ai.sutazai.verticles.cache.CacheKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The session contract against the machine's Redis at 127.0.0.1:6379, plus what Redis stores. */
class RedisSessionStoreTest extends SessionStoreContract {

  static final String MACHINE_REDIS = "redis://127.0.0.1:6379";

  @Override
  protected Future<SessionStore> openStore(Vertx vertx) {
    return SessionStore.open(vertx, CacheOptions.defaults().withRedisUrl(MACHINE_REDIS));
  }

  /** Verifies that with a Redis URL sessions are kept in Redis. */
  @Test
  void isTheStoreWithRedisUrl() {
    assertThat(store).isInstanceOf(RedisSessionStore.class);
  }

  /** Verifies that Redis holds a session as a hash at session:{id}:data with the session's TTL. */
  @Test
  void redisHoldsTheSessionAsAHash() {
    String id = sessionId();
    store.put(id, Map.of("user", "alice", "role", "admin"), Duration.ofSeconds(90)).await();

    Redis raw = Redis.createClient(vertx, MACHINE_REDIS);
    try {
      RedisAPI api = RedisAPI.api(raw);
      String key = "session:" + id + ":data";
      assertThat(CacheKeys.session(id)).isEqualTo(key);
      assertThat(api.type(key).await().toString()).isEqualTo("hash");
      Response hash = api.hgetall(key).await();
      Map<String, String> fields = new HashMap<>();
      hash.getKeys().forEach(name -> fields.put(name, hash.get(name).toString()));
      assertThat(fields).containsExactlyInAnyOrderEntriesOf(
          Map.of("user", "alice", "role", "admin"));
      assertThat(api.ttl(key).await().toLong()).isBetween(80L, 90L);

      store.touch(id, Duration.ofSeconds(30)).await();
      assertThat(api.ttl(key).await().toLong()).isBetween(20L, 30L);
    } finally {
      raw.close().await();
    }
  }
}
