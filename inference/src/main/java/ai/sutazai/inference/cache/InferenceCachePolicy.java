package ai.sutazai.inference.cache;

import ai.sutazai.verticles.cache.CacheKeys;
import ai.sutazai.verticles.config.Settings;
import ai.sutazai.verticles.inference.InferenceRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Which inference answers may be cached: those whose request asks for it ({@code "cache": true})
 * or is deterministic ({@code options.temperature == 0}), never a sampled chat, and only answers
 * up to {@code maxAnswerBytes} (UTF-8). An explicit {@code "cache": false} always opts out.
 *
 * @param maxAnswerBytes the largest answer stored
 * @param ttl            how long a cached answer lives
 */
public record InferenceCachePolicy(long maxAnswerBytes, Duration ttl) {

  public static final long DEFAULT_MAX_ANSWER_BYTES = 256 * 1024;

  public InferenceCachePolicy {
    if (maxAnswerBytes < 1) {
      throw new IllegalArgumentException("maxAnswerBytes must be positive");
    }
    if (ttl == null || ttl.toMillis() < 1) {
      throw new IllegalArgumentException("ttl must be at least 1 ms, got " + ttl);
    }
  }

  /** 256 KiB answers at most, kept for {@link CacheKeys#INFERENCE_TTL}. */
  public static InferenceCachePolicy defaults() {
    return new InferenceCachePolicy(DEFAULT_MAX_ANSWER_BYTES, CacheKeys.INFERENCE_TTL);
  }

  /** The policy of {@code cache.max_answer_bytes} and {@code cache.inference_ttl_s}. */
  public static InferenceCachePolicy of(JsonObject config) {
    return new InferenceCachePolicy(Settings.CACHE_MAX_ANSWER_BYTES.intIn(config),
        Duration.ofSeconds(Settings.CACHE_INFERENCE_TTL_S.intIn(config)));
  }

  public boolean isCacheable(InferenceRequest request) {
    return isCacheable(request.body());
  }

  /** Whether a request with this Ollama body may be answered from, and stored in, the cache. */
  public boolean isCacheable(JsonObject body) {
    if (body == null) {
      return false;
    }
    if (body.getValue("cache") instanceof Boolean asked) {
      return asked;
    }
    return isDeterministic(body);
  }

  /** Whether an answer of this text is small enough to store. */
  public boolean fits(String answer) {
    return answer != null && fits(utf8Length(answer));
  }

  /** Whether an answer of this many UTF-8 bytes is small enough to store. */
  public boolean fits(long answerBytes) {
    return answerBytes <= maxAnswerBytes;
  }

  private static boolean isDeterministic(JsonObject body) {
    return body.getValue("options") instanceof JsonObject options
        && options.getValue("temperature") instanceof Number temperature
        && temperature.doubleValue() == 0.0;
  }

  static long utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
