package ai.sutazai.storage.session;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.cache.CacheOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The session contract against the in-process Caffeine store, plus its bound. */
class InProcessSessionStoreTest extends SessionStoreContract {

  @Override
  protected Future<SessionStore> openStore(Vertx vertx) {
    return SessionStore.open(vertx, CacheOptions.defaults());
  }

  /** Verifies that without a Redis URL sessions are kept in this process. */
  @Test
  void isTheStoreWithoutRedisUrl() {
    assertThat(store).isInstanceOf(InProcessSessionStore.class);
  }

  /** Verifies that the store keeps no more sessions than its bound. */
  @Test
  void staysWithinItsBound() {
    InProcessSessionStore small = new InProcessSessionStore(10);
    for (int i = 0; i < 100; i++) {
      small.put("s" + i, Map.of("n", Integer.toString(i)), LONG).await();
    }
    long present = 0;
    for (int i = 0; i < 100; i++) {
      present += small.get("s" + i).await().isEmpty() ? 0 : 1;
    }

    assertThat(present).isBetween(1L, 10L);
  }
}
