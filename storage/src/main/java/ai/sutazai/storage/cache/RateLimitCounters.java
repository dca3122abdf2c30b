package ai.sutazai.storage.cache;

import static ai.sutazai.storage.BusRequests.serve;

import ai.sutazai.verticles.cache.CacheKeys;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.RateLimitWindow;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Serves {@link StorageAddresses#RATE_LIMIT_HIT}: one counter per subject and {@link RateLimitWindow}
 * in the {@link KeyValueCache}, each created with an expiry at the end of its window, so Redis
 * forgets it soon after and every process sharing that Redis counts into the same one.
 */
public final class RateLimitCounters {

  /** How long a counter outlives its window, for processes whose clocks run a little behind. */
  static final long GRACE_MS = 5_000;

  private final KeyValueCache cache;
  private final LongSupplier clock;

  public RateLimitCounters(KeyValueCache cache) {
    this(cache, System::currentTimeMillis);
  }

  RateLimitCounters(KeyValueCache cache, LongSupplier clock) {
    this.cache = cache;
    this.clock = clock;
  }

  /** The handler of the rate-limit address. */
  public Map<String, Handler<Message<Object>>> handlers() {
    return Map.of(StorageAddresses.RATE_LIMIT_HIT, message -> serve(message, this::hit));
  }

  Future<JsonObject> hit(JsonObject body) {
    Object subject = body.getValue("subject");
    if (!(subject instanceof String name) || name.isBlank()) {
      throw ProblemType.INVALID_REQUEST.problem("'subject' must be a non-empty string, got " + Json.encode(subject))
          .asException();
    }
    long now = clock.getAsLong();
    List<RateLimitWindow> windows = Arrays.asList(RateLimitWindow.values());
    List<Future<Long>> counts = windows.stream()
        .map(window -> cache.incrementWithExpiry(CacheKeys.rateLimit(name, window, now),
            Duration.ofMillis(window.resetInMs(now) + GRACE_MS)))
        .toList();
    return Future.all(counts).map(all -> {
      JsonObject reply = new JsonObject();
      for (int i = 0; i < windows.size(); i++) {
        RateLimitWindow window = windows.get(i);
        reply.put(window.wireName(), new JsonObject()
            .put("count", counts.get(i).result())
            .put("reset_in_ms", window.resetInMs(now)));
      }
      return reply;
    });
  }
}
