package ai.sutazai.storage.session;

import ai.sutazai.storage.cache.KeyValueCache;
import ai.sutazai.verticles.cache.CacheKeys;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SessionStore} in this JVM on Caffeine, used when no Redis URL is configured. Every write
 * (put, touch) restarts the session's own expiry; it answers like {@link RedisSessionStore}. Past
 * its bound Caffeine evicts sessions, and each such eviction is logged as a warning (without the
 * session id, which is a credential).
 */
public final class InProcessSessionStore implements SessionStore {

  private static final Logger LOG = LoggerFactory.getLogger(InProcessSessionStore.class);

  private record Session(Map<String, String> fields, Duration ttl) {
  }

  private final Cache<String, Session> sessions;

  public InProcessSessionStore(long maxSessions) {
    this.sessions = Caffeine.newBuilder()
        .maximumSize(maxSessions)
        .executor(Runnable::run)
        .expireAfter(Expiry.<String, Session>writing((key, session) -> session.ttl()))
        .evictionListener((String key, Session session, RemovalCause cause) -> {
          if (cause == RemovalCause.SIZE) {
            LOG.warn("A live session was evicted: more than {} sessions in the in-process store",
                maxSessions);
          }
        })
        .build();
  }

  @Override
  public Future<Void> put(String sessionId, Map<String, String> fields, Duration ttl) {
    String key = CacheKeys.session(sessionId);
    SessionStore.requireFields(fields);
    Duration life = Duration.ofMillis(KeyValueCache.positiveMillis(ttl, "ttl"));
    sessions.asMap().compute(key, (k, old) -> {
      Map<String, String> merged = new HashMap<>(old == null ? Map.of() : old.fields());
      merged.putAll(fields);
      return new Session(Map.copyOf(merged), life);
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<Map<String, String>> get(String sessionId) {
    Session session = sessions.getIfPresent(CacheKeys.session(sessionId));
    return Future.succeededFuture(session == null ? Map.of() : session.fields());
  }

  @Override
  public Future<Boolean> touch(String sessionId, Duration ttl) {
    String key = CacheKeys.session(sessionId);
    Duration life = Duration.ofMillis(KeyValueCache.positiveMillis(ttl, "ttl"));
    Session touched = sessions.asMap()
        .computeIfPresent(key, (k, session) -> new Session(session.fields(), life));
    return Future.succeededFuture(touched != null);
  }

  @Override
  public Future<Boolean> delete(String sessionId) {
    return Future.succeededFuture(
        sessions.asMap().remove(CacheKeys.session(sessionId)) != null);
  }

  @Override
  public Future<Void> close() {
    sessions.invalidateAll();
    sessions.cleanUp();
    return Future.succeededFuture();
  }
}
