package ai.sutazai.inference;

import ai.sutazai.inference.ollama.OllamaStreamHandler;
import ai.sutazai.verticles.inference.InferenceEvent;
import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * Turns one Ollama stream into the request's events: {@code started} when Ollama accepted it, a
 * {@code token} per line with content (or thinking, or tool calls), and the final line (or the
 * embed answer) into {@code done} with usage and timings. Terminal events go through
 * {@code complete}, which sends them once and frees the slot; tokens and a {@code done} also go to
 * the job's recorder, which may keep the answer for the inference cache. Each token line counts as one
 * generated token (Ollama streams one per line) and the first one's moment is the time to first token.
 */
final class GenerationRelay implements OllamaStreamHandler {

  private final InferenceJob job;
  private final EventBus eventBus;
  private final InferenceMeters meters;
  private final Consumer<JsonObject> complete;
  private Counter tokens;

  GenerationRelay(InferenceJob job, EventBus eventBus, InferenceMeters meters, Consumer<JsonObject> complete) {
    this.job = job;
    this.eventBus = eventBus;
    this.meters = meters;
    this.complete = complete;
  }

  @Override
  public void onAccepted() {
    job.acceptedByOllama();
    if (!job.finished()) {
      eventBus.send(job.request().replyAddress(), InferenceEvent.started(job.model(), job.queueMs()));
    }
  }

  @Override
  public void onLine(JsonObject line) {
    if (job.finished()) {
      return;
    }
    if (job.request().kind() == InferenceKind.EMBED) {
      complete.accept(embedDone(line));
      return;
    }
    JsonObject token = token(line);
    if (token != null) {
      countToken();
      job.recorder().token(token);
      eventBus.send(job.request().replyAddress(), token);
    }
    if (line.getBoolean("done", false)) {
      JsonObject done = done(line);
      complete.accept(done);
      job.recorder().done(done);
    }
  }

  @Override
  public void onEnd() {
    if (!job.finished()) {
      complete.accept(InferenceEvent.error(
          ProblemType.OLLAMA_ERROR.problem("Ollama ended the stream before its final line")));
    }
  }

  @Override
  public void onFailure(Problem problem) {
    complete.accept(InferenceEvent.error(problem));
  }

  private void countToken() {
    if (job.firstToken()) {
      meters.firstToken(job.ttftNanos());
      tokens = meters.tokens(job.model());
    }
    tokens.increment();
  }

  /** The token event for a line, or null when the line carries nothing for the requester. */
  private static JsonObject token(JsonObject line) {
    JsonObject message = line.getJsonObject("message");
    JsonObject source = message != null ? message : line;
    String content = message != null ? message.getString("content", "") : line.getString("response", "");
    String thinking = source.getString("thinking");
    JsonArray toolCalls = source.getJsonArray("tool_calls");
    boolean hasThinking = thinking != null && !thinking.isEmpty();
    boolean hasToolCalls = toolCalls != null && !toolCalls.isEmpty();
    if (content.isEmpty() && !hasThinking && !hasToolCalls) {
      return null;
    }
    JsonObject token = InferenceEvent.token(content);
    if (hasThinking) {
      token.put("thinking", thinking);
    }
    if (hasToolCalls) {
      token.put("tool_calls", toolCalls);
    }
    return token;
  }

  private JsonObject done(JsonObject line) {
    JsonObject ollama = line.copy();
    ollama.remove("message");
    ollama.remove("response");
    return doneEvent(line, line.getInteger("eval_count", 0), ollama);
  }

  private JsonObject embedDone(JsonObject answer) {
    JsonObject ollama = answer.copy();
    ollama.remove("embeddings");
    return doneEvent(answer, 0, ollama)
        .put("embeddings", answer.getJsonArray("embeddings", new JsonArray()));
  }

  private JsonObject doneEvent(JsonObject line, int completionTokens, JsonObject ollama) {
    return new JsonObject()
        .put("type", InferenceEvent.DONE)
        .put("model", line.getString("model", job.model()))
        .put("done_reason", line.getString("done_reason", "stop"))
        .put("usage", new JsonObject()
            .put("prompt_tokens", line.getInteger("prompt_eval_count", 0))
            .put("completion_tokens", completionTokens))
        .put("timings", new JsonObject()
            .put("queue_ms", job.queueMs())
            .put("ttft_ms", job.ttftMs())
            .put("total_ms", job.totalMs()))
        .put("ollama", ollama);
  }
}
