package ai.sutazai.inference.cache;

import ai.sutazai.verticles.inference.InferenceEvent;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An answer as the inference cache keeps it: the model that wrote it, its {@code token} events in
 * order (with {@code thinking} and {@code tool_calls} where Ollama sent them) and the members of its
 * {@code done} event that describe the answer ({@code done_reason}, {@code usage}, {@code ollama}).
 * Stored as the JSON text {@code {"model", "tokens": [...], "done": {...}}}.
 *
 * @param model  the model that generated the answer
 * @param tokens the token events, in the order they were sent
 * @param done   the done event's members, without its type, model, timings and cache flag
 */
public record CachedAnswer(String model, List<JsonObject> tokens, JsonObject done) {

  /** Done members that belong to one delivery of the answer, not to the answer itself. */
  private static final Set<String> PER_DELIVERY = Set.of("type", "model", "timings", "cached");

  public CachedAnswer {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("a cached answer needs its model");
    }
    tokens = List.copyOf(tokens);
    done = done.copy();
    PER_DELIVERY.forEach(done::remove);
  }

  /** The answer a generation produced: its token events and its done event. */
  public static CachedAnswer of(List<JsonObject> tokens, JsonObject doneEvent) {
    return new CachedAnswer(doneEvent.getString("model"), tokens, doneEvent);
  }

  /** The JSON text stored under the answer's key. */
  public String encode() {
    return new JsonObject()
        .put("model", model)
        .put("tokens", new JsonArray(new ArrayList<>(tokens)))
        .put("done", done)
        .encode();
  }

  /**
   * Reads a stored answer.
   *
   * @throws IllegalArgumentException when the text is not an answer this class stored
   */
  public static CachedAnswer decode(String text) {
    try {
      JsonObject json = new JsonObject(text);
      List<JsonObject> tokens = new ArrayList<>();
      for (Object token : json.getJsonArray("tokens", new JsonArray())) {
        if (!(token instanceof JsonObject event) || !InferenceEvent.TOKEN.equals(InferenceEvent.type(event))) {
          throw new IllegalArgumentException("a stored answer holds something other than token events");
        }
        tokens.add(event);
      }
      JsonObject done = json.getJsonObject("done");
      if (done == null) {
        throw new IllegalArgumentException("a stored answer lacks its done members");
      }
      return new CachedAnswer(json.getString("model"), tokens, done);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("a stored answer is not the expected JSON: " + e.getMessage(), e);
    }
  }

  /** The {@code done} event of one replay, with its timings and {@code "cached": true}. */
  public JsonObject doneEvent(long ttftMs, long totalMs) {
    return new JsonObject()
        .put("type", InferenceEvent.DONE)
        .put("model", model)
        .mergeIn(done)
        .put("timings", new JsonObject().put("queue_ms", 0L).put("ttft_ms", ttftMs).put("total_ms", totalMs))
        .put("cached", true);
  }
}
