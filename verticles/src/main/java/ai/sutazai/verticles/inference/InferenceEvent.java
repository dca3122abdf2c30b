package ai.sutazai.verticles.inference;

import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.json.JsonObject;

/**
 * The messages the inference verticle sends to a request's reply address, in this order:
 * {@code started} once Ollama accepted the generation (at once for an answer from the cache), any number of {@code token}s (or
 * {@code progress} for a pull), then exactly one of {@code done} or {@code error}. An {@code error}
 * may come at any point, also before {@code started}.
 *
 * <ul>
 *   <li>{@code started}: {@code model}, {@code queue_ms}
 *   <li>{@code token}: {@code content}, and {@code thinking} / {@code tool_calls} when Ollama sent them
 *   <li>{@code progress}: Ollama's pull status line ({@code status}, {@code digest},
 *       {@code total}, {@code completed})
 *   <li>{@code done}: {@code model}, {@code done_reason}, {@code usage} ({@code prompt_tokens},
 *       {@code completion_tokens}), {@code timings} ({@code queue_ms}, {@code ttft_ms},
 *       {@code total_ms}), {@code ollama} (Ollama's final line without its content), for
 *       embeddings {@code embeddings}, and {@code cached: true} when the answer came from the
 *       inference cache (then its tokens were replayed without queueing or calling Ollama)
 *   <li>{@code error}: {@code problem} (see {@link Problem})
 * </ul>
 */
public final class InferenceEvent {

  public static final String STARTED = "started";
  public static final String TOKEN = "token";
  public static final String PROGRESS = "progress";
  public static final String DONE = "done";
  public static final String ERROR = "error";

  private InferenceEvent() {
  }

  public static String type(JsonObject event) {
    return event.getString("type", "");
  }

  public static JsonObject started(String model, long queueMs) {
    return new JsonObject().put("type", STARTED).put("model", model).put("queue_ms", queueMs);
  }

  public static JsonObject token(String content) {
    return new JsonObject().put("type", TOKEN).put("content", content);
  }

  public static JsonObject progress(JsonObject ollamaLine) {
    return ollamaLine.copy().put("type", PROGRESS);
  }

  public static JsonObject error(Problem problem) {
    return new JsonObject().put("type", ERROR).put("problem", problem.toJson());
  }

  public static Problem problemOf(JsonObject errorEvent) {
    return Problem.fromJson(errorEvent.getJsonObject("problem", new JsonObject()));
  }
}
