package ai.sutazai.inference.cache;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the token events of one generation and stores them in the inference cache when the
 * generation ends with {@code done}. An answer whose text (content, thinking and tool calls, in
 * UTF-8) outgrows the policy's bound is dropped as soon as it does, and never stored.
 */
public final class AnswerRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(AnswerRecorder.class);
  private static final AnswerRecorder NONE = new AnswerRecorder(null, null, null);

  private final InferenceCache cache;
  private final String key;
  private final String requestId;
  private List<JsonObject> tokens;
  private long answerBytes;

  AnswerRecorder(InferenceCache cache, String key, String requestId) {
    this.cache = cache;
    this.key = key;
    this.requestId = requestId;
    this.tokens = cache == null ? null : new ArrayList<>();
  }

  /** A recorder that keeps nothing, for requests the cache does not take. */
  public static AnswerRecorder none() {
    return NONE;
  }

  /** Records a token event as it is sent. */
  public void token(JsonObject tokenEvent) {
    if (tokens == null) {
      return;
    }
    answerBytes += textBytes(tokenEvent);
    if (!cache.policy().fits(answerBytes)) {
      LOG.debug("request {}: answer grew beyond {} bytes; it will not be cached", requestId,
          cache.policy().maxAnswerBytes());
      tokens = null;
      return;
    }
    tokens.add(tokenEvent);
  }

  /** The generation ended with this done event: stores the answer unless it was dropped. */
  public void done(JsonObject doneEvent) {
    if (tokens == null) {
      return;
    }
    CachedAnswer answer = CachedAnswer.of(tokens, doneEvent);
    tokens = null;
    cache.store(key, answer, requestId);
  }

  private static long textBytes(JsonObject tokenEvent) {
    long bytes = InferenceCachePolicy.utf8Length(tokenEvent.getString("content", ""));
    if (tokenEvent.getValue("thinking") instanceof String thinking) {
      bytes += InferenceCachePolicy.utf8Length(thinking);
    }
    if (tokenEvent.getValue("tool_calls") instanceof JsonArray toolCalls) {
      bytes += InferenceCachePolicy.utf8Length(toolCalls.encode());
    }
    return bytes;
  }
}
