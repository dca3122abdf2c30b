package ai.sutazai.inference;

import ai.sutazai.inference.cache.InferenceCache;
import ai.sutazai.inference.ollama.OllamaClient;
import ai.sutazai.inference.queue.PriorityInferenceQueue;
import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/**
 * Answers the status address: depth and capacity per level, queued, in flight, parallel, the
 * inference cache's hits, misses and stores, and Ollama's reachability from a live
 * {@code GET /api/version} with a short timeout. Never fails; an unreachable Ollama is part of the answer.
 */
final class StatusReporter {

  private final InferenceScheduler scheduler;
  private final InferenceCache cache;
  private final OllamaClient ollama;
  private final long probeTimeoutMs;

  StatusReporter(InferenceScheduler scheduler, InferenceCache cache, OllamaClient ollama, long probeTimeoutMs) {
    this.scheduler = scheduler;
    this.cache = cache;
    this.ollama = ollama;
    this.probeTimeoutMs = probeTimeoutMs;
  }

  Future<JsonObject> report() {
    PriorityInferenceQueue<InferenceJob> queue = scheduler.queue();
    JsonObject levels = new JsonObject();
    for (Priority priority : Priority.values()) {
      levels.put(priority.wireName(), new JsonObject()
          .put("depth", queue.depth(priority))
          .put("capacity", queue.capacity()));
    }
    JsonObject status = new JsonObject()
        .put("levels", levels)
        .put("queued", queue.size())
        .put("in_flight", scheduler.inFlight())
        .put("parallel", scheduler.parallel())
        .put("cache", cache.counters());
    return probe().map(ollamaStatus -> status.put("ollama", ollamaStatus));
  }

  private Future<JsonObject> probe() {
    JsonObject result = new JsonObject().put("url", ollama.endpoint().url());
    return ollama.exchange(HttpMethod.GET, "/api/version", null, probeTimeoutMs)
        .map(answer -> result.put("reachable", true).put("version", answer.getString("version")))
        .otherwise(failure -> result.put("reachable", false).put("error", Problem.of(failure).detail()));
  }
}
