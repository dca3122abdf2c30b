package ai.sutazai.verticles.cache;

import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.inference.InferenceRequest;
import ai.sutazai.verticles.storage.RateLimitWindow;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * The names SutazAI stores things under, and how long cached answers live. Inference and agent
 * answers are named by the SHA-256 of a canonical JSON of what shapes the answer, so the same
 * question asked with keys in another order or other whitespace finds the same entry.
 */
public final class CacheKeys {

  /** The default life of a cached inference answer ({@code cache.inference_ttl_s}). */
  public static final Duration INFERENCE_TTL = Duration.ofSeconds(7200);
  public static final Duration AGENT_RESPONSE_TTL = Duration.ofSeconds(3600);

  /** Body fields that change how an answer is delivered or kept, never what it says. */
  private static final Set<String> NOT_SHAPING_THE_ANSWER = Set.of("stream", "keep_alive", "cache");

  private CacheKeys() {
  }

  /**
   * {@code cache:ollama:inference:{model}:{hash}} for a request whose model is resolved.
   *
   * @throws IllegalArgumentException when the request still routes by model type
   */
  public static String inference(InferenceRequest request) {
    return inference(request.kind(), request.model(), request.body());
  }

  /**
   * {@code cache:ollama:inference:{model}:{hash}}; the hash covers the kind and the whole body
   * (messages, system, prompt, input, options, format, tools, think, ...) except {@code stream},
   * {@code keep_alive} and {@code cache}.
   */
  public static String inference(InferenceKind kind, String model, JsonObject body) {
    JsonObject shaping = new JsonObject();
    (body == null ? new JsonObject() : body).forEach(field -> {
      if (!NOT_SHAPING_THE_ANSWER.contains(field.getKey())) {
        shaping.put(field.getKey(), field.getValue());
      }
    });
    JsonObject question = new JsonObject().put("kind", kind.wireName()).put("body", shaping);
    return "cache:ollama:inference:" + part(model, "model") + ":" + CanonicalJson.sha256Hex(question);
  }

  /** {@code cache:agent:{agent_id}:response:{hash}}, the hash covering the whole request. */
  public static String agentResponse(String agentId, JsonObject request) {
    return "cache:agent:" + part(agentId, "agent id") + ":response:"
        + CanonicalJson.sha256Hex(request == null ? new JsonObject() : request);
  }

  /** {@code session:{id}:data}. */
  public static String session(String sessionId) {
    return "session:" + part(sessionId, "session id") + ":data";
  }

  /** {@code ratelimit:{subject}:{window}}, the window being e.g. the epoch minute. */
  public static String rateLimit(String subject, long window) {
    return "ratelimit:" + part(subject, "subject") + ":" + window;
  }

  /** {@code ratelimit:{subject}:{window}-{index}}, e.g. {@code ratelimit:alice:minute-29512345}, for the window holding {@code epochMs}. */
  public static String rateLimit(String subject, RateLimitWindow window, long epochMs) {
    return "ratelimit:" + part(subject, "subject") + ":" + window.wireName() + "-" + window.index(epochMs);
  }

  private static String part(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a cache key needs a " + what);
    }
    return value;
  }
}
