package ai.sutazai.inference.cache;

import ai.sutazai.verticles.cache.CacheKeys;
import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.inference.InferenceRequest;
import ai.sutazai.verticles.metrics.CacheRequests;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference verticle's side of the storage cache ({@link StorageAddresses#CACHE_GET},
 * {@link StorageAddresses#CACHE_PUT}): which requests it takes, lookups that give up after
 * {@link #LOOKUP_TIMEOUT_MS} and count every failure as a miss, stores that never affect a request,
 * and the hit, miss and store counts (hits and misses also go to {@link CacheRequests}). Used on the inference verticle's event loop only.
 */
public final class InferenceCache {

  /** How long a lookup may take before the request goes to Ollama instead. */
  public static final long LOOKUP_TIMEOUT_MS = 250;
  private static final long STORE_TIMEOUT_MS = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(InferenceCache.class);

  private final EventBus eventBus;
  private final InferenceCachePolicy policy;
  private final CacheRequests requests;
  private long hits;
  private long misses;
  private long stores;

  public InferenceCache(EventBus eventBus, InferenceCachePolicy policy, CacheRequests requests) {
    this.eventBus = eventBus;
    this.policy = policy;
    this.requests = requests;
  }

  public InferenceCachePolicy policy() {
    return policy;
  }

  /** Whether the request is a chat or generation that the policy lets the cache answer and keep. */
  public boolean isCacheable(InferenceRequest request) {
    return request.kind() != InferenceKind.EMBED && policy.isCacheable(request);
  }

  /** The key of the request's answer when {@code model} answers it. */
  public String key(InferenceRequest request, String model) {
    return CacheKeys.inference(request.kind(), model, request.body());
  }

  /** The stored answer, or null on a miss; never fails (an error, a timeout or no storage is a miss). */
  public Future<CachedAnswer> lookup(String key, String requestId) {
    DeliveryOptions timeout = new DeliveryOptions().setSendTimeout(LOOKUP_TIMEOUT_MS);
    return eventBus.<Object>request(StorageAddresses.CACHE_GET, new JsonObject().put("key", key), timeout)
        .map(reply -> storedAnswer(reply, requestId))
        .otherwise(failure -> {
          LOG.debug("request {}: cache lookup failed, treated as a miss: {}", requestId, failure.toString());
          return null;
        })
        .map(answer -> {
          if (answer == null) {
            misses++;
            requests.miss();
          } else {
            hits++;
            requests.hit();
          }
          return answer;
        });
  }

  /** A recorder that stores the request's answer under {@code key} once it is done. */
  public AnswerRecorder recorder(String key, String requestId) {
    return new AnswerRecorder(this, key, requestId);
  }

  void store(String key, CachedAnswer answer, String requestId) {
    JsonObject put = new JsonObject()
        .put("key", key)
        .put("value", answer.encode())
        .put("ttl_ms", policy.ttl().toMillis());
    eventBus.request(StorageAddresses.CACHE_PUT, put, new DeliveryOptions().setSendTimeout(STORE_TIMEOUT_MS))
        .onSuccess(reply -> stores++)
        .onFailure(failure -> LOG.debug("request {}: its answer was not cached: {}", requestId, failure.toString()));
  }

  /** {@code {"hits", "misses", "stores"}} since the verticle started. */
  public JsonObject counters() {
    return new JsonObject().put("hits", hits).put("misses", misses).put("stores", stores);
  }

  private static CachedAnswer storedAnswer(Message<Object> reply, String requestId) {
    if (!(reply.body() instanceof JsonObject body) || !(body.getValue("value") instanceof String value)) {
      return null;
    }
    try {
      return CachedAnswer.decode(value);
    } catch (IllegalArgumentException e) {
      LOG.debug("request {}: the cached answer is unreadable, treated as a miss: {}", requestId, e.getMessage());
      return null;
    }
  }
}
