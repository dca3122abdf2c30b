package ai.sutazai.gateway.ollama;

import ai.sutazai.verticles.inference.client.Answer;
import ai.sutazai.gateway.stream.StreamDialect;
import ai.sutazai.gateway.stream.StreamTransport;
import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/**
 * Ollama's own answer shapes for {@code /api/chat} and {@code /api/generate}: one NDJSON line per
 * token ({@code message} or {@code response}, {@code done:false}), a final line with
 * {@code done:true}, {@code done_reason}, Ollama's statistics and SutazAI's {@code timings}, or
 * all of it in one object.
 */
final class OllamaLines implements StreamDialect {

  private static final Set<String> SHAPE_KEYS =
      Set.of("model", "created_at", "message", "response", "thinking", "done", "done_reason");

  private final InferenceKind kind;
  private String model;

  OllamaLines(InferenceKind kind, String model) {
    this.kind = kind;
    this.model = model;
  }

  @Override
  public StreamTransport transport() {
    return StreamTransport.NDJSON;
  }

  @Override
  public void headers(MultiMap headers) {
    headers.set("Content-Type", "application/x-ndjson");
  }

  @Override
  public String started(JsonObject event) {
    model = event.getString("model", model);
    return null;
  }

  @Override
  public String token(JsonObject event) {
    JsonObject line = head(model, Instant.now().toString());
    putContent(kind, line, event.getString("content", ""), event.getString("thinking"),
        event.getValue("tool_calls"));
    return line.put("done", false).encode() + "\n";
  }

  @Override
  public String done(JsonObject event) {
    return last(kind, event, model, "", null, null).encode() + "\n";
  }

  @Override
  public String error(Problem problem, String requestId) {
    return new JsonObject().put("error", problem.detail()).encode() + "\n";
  }

  /** The whole answer as the one object Ollama sends for {@code "stream": false}. */
  static JsonObject whole(InferenceKind kind, String requestedModel, Answer answer) {
    String model = answer.model() != null ? answer.model() : requestedModel;
    return last(kind, answer.done(), model, answer.content(), answer.thinking(), answer.toolCalls());
  }

  private static JsonObject last(InferenceKind kind, JsonObject done, String model, String content,
      String thinking, Object toolCalls) {
    JsonObject ollama = done.getJsonObject("ollama", new JsonObject());
    JsonObject line = head(done.getString("model", model), ollama.getString("created_at", Instant.now().toString()));
    putContent(kind, line, content, thinking, toolCalls);
    line.put("done", true).put("done_reason", done.getString("done_reason", ollama.getString("done_reason", "stop")));
    ollama.forEach(field -> {
      if (!SHAPE_KEYS.contains(field.getKey())) {
        line.put(field.getKey(), field.getValue());
      }
    });
    return line.put("timings", Answer.timingsOf(done));
  }

  private static JsonObject head(String model, String createdAt) {
    return new JsonObject().put("model", model).put("created_at", createdAt);
  }

  private static void putContent(InferenceKind kind, JsonObject line, String content, String thinking,
      Object toolCalls) {
    if (kind == InferenceKind.GENERATE) {
      line.put("response", content);
      if (thinking != null) {
        line.put("thinking", thinking);
      }
      return;
    }
    JsonObject message = new JsonObject().put("role", "assistant").put("content", content);
    if (thinking != null) {
      message.put("thinking", thinking);
    }
    if (toolCalls != null) {
      message.put("tool_calls", toolCalls);
    }
    line.put("message", message);
  }
}
