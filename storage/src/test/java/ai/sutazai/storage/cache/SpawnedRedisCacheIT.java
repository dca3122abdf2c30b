package ai.sutazai.storage.cache;

import ai.sutazai.storage.testing.RedisServerProcess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The cache contract against a redis-server this test starts on a free port. */
class SpawnedRedisCacheIT extends KeyValueCacheContract {

  private static RedisServerProcess server;

  @BeforeAll
  static void startRedis() throws Exception {
    server = new RedisServerProcess(RedisServerProcess.freePort()).start();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    server.close();
  }

  @Override
  protected Future<KeyValueCache> openCache(Vertx vertx) {
    return KeyValueCaches.open(vertx, CacheOptions.defaults().withRedisUrl(server.url()));
  }
}
