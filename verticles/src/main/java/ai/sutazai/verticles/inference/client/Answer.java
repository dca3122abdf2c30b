package ai.sutazai.verticles.inference.client;

import ai.sutazai.verticles.inference.InferenceEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A whole answer gathered from a call's events, for the forms that do not stream. */
public final class Answer {

  private final StringBuilder content = new StringBuilder();
  private final StringBuilder thinking = new StringBuilder();
  private final JsonArray toolCalls = new JsonArray();
  private JsonObject done = new JsonObject();
  private String model;

  /** Takes in one event; returns true once the answer is complete. */
  public boolean add(JsonObject event) {
    switch (InferenceEvent.type(event)) {
      case InferenceEvent.STARTED:
        model = event.getString("model", model);
        return false;
      case InferenceEvent.TOKEN:
        content.append(event.getString("content", ""));
        thinking.append(event.getString("thinking", ""));
        JsonArray calls = event.getJsonArray("tool_calls");
        if (calls != null) {
          toolCalls.addAll(calls);
        }
        return false;
      case InferenceEvent.DONE:
        done = event;
        model = event.getString("model", model);
        return true;
      default:
        return false;
    }
  }

  public String content() {
    return content.toString();
  }

  /** The model's reasoning when it sent any, else null. */
  public String thinking() {
    return thinking.length() == 0 ? null : thinking.toString();
  }

  /** Tool calls in Ollama's shape, or null when the model called none. */
  public JsonArray toolCalls() {
    return toolCalls.isEmpty() ? null : toolCalls;
  }

  /** The {@code done} event. */
  public JsonObject done() {
    return done;
  }

  public String model() {
    return model;
  }

  /** The {@code timings} of the done event: queue_ms, ttft_ms and total_ms. */
  public JsonObject timings() {
    return timingsOf(done);
  }

  /** The {@code timings} object of a {@code done} event (empty when it carries none). */
  public static JsonObject timingsOf(JsonObject doneEvent) {
    return doneEvent.getJsonObject("timings", new JsonObject());
  }
}
