package ai.sutazai.agents.runtime;

import ai.sutazai.verticles.agents.AgentDefinition;
import ai.sutazai.verticles.bus.ServiceRequests;
import ai.sutazai.verticles.cache.CacheKeys;
import ai.sutazai.verticles.metrics.CacheRequests;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents' answers kept in storage's cache under {@link CacheKeys#agentResponse}, for
 * {@link CacheKeys#AGENT_RESPONSE_TTL}. The key covers the task type, payload, inputs and the agent's whole
 * definition, so a changed agent never reuses an answer of its former self. A lookup that fails or finds an
 * unreadable entry counts as a miss; a failed store is logged and leaves the task's result as it is.
 */
final class AgentResponseCache {

  private static final Logger log = LoggerFactory.getLogger(AgentResponseCache.class);
  static final long TIMEOUT_MS = 5_000;

  private final ServiceRequests requests;
  private final CacheRequests counts;

  AgentResponseCache(Vertx vertx, CacheRequests counts) {
    this.requests = new ServiceRequests(vertx, null);
    this.counts = counts;
  }

  /** The key of {@code task}'s answer by {@code agent}. */
  static String keyOf(AgentDefinition agent, AgentTask task) {
    JsonObject request = new JsonObject()
        .put("type", task.type())
        .put("payload", task.payload())
        .put("inputs", task.inputs())
        .put("definition", agent.toJson());
    return CacheKeys.agentResponse(agent.id(), request);
  }

  /** The cached result under {@code key}, or null on a miss. */
  Future<JsonObject> lookup(String key, String taskId) {
    return requests.ask(StorageAddresses.CACHE_GET, new JsonObject().put("key", key), taskId, TIMEOUT_MS)
        .map(reply -> {
          JsonObject found = decode(reply.getString("value"), key, taskId);
          if (found == null) {
            counts.miss();
          } else {
            counts.hit();
          }
          return found;
        })
        .recover(failure -> {
          log.warn("[{}] agent response cache lookup failed, running the task: {}", taskId,
              AttemptFailures.reasonOf(failure));
          counts.miss();
          return Future.succeededFuture(null);
        });
  }

  /** Keeps {@code result} under {@code key}; completes when storage answered, whatever it answered. */
  Future<Void> keep(String key, JsonObject result, String taskId) {
    JsonObject entry = new JsonObject().put("key", key).put("value", result.encode())
        .put("ttl_ms", CacheKeys.AGENT_RESPONSE_TTL.toMillis());
    return requests.ask(StorageAddresses.CACHE_PUT, entry, taskId, TIMEOUT_MS)
        .<Void>mapEmpty()
        .recover(failure -> {
          log.warn("[{}] could not keep the agent's answer in the cache: {}", taskId,
              AttemptFailures.reasonOf(failure));
          return Future.succeededFuture();
        });
  }

  private static JsonObject decode(String value, String key, String taskId) {
    if (value == null) {
      return null;
    }
    try {
      return new JsonObject(value);
    } catch (DecodeException e) {
      log.warn("[{}] the cache entry {} is not a JSON object; treating it as a miss", taskId, key, e);
      return null;
    }
  }
}
