package ai.sutazai.gateway.testing;

import ai.sutazai.verticles.inference.InferenceEvent;
import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.inference.InferenceRequest;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One submission as the fake inference service sees it: a script acks or rejects it, then sends
 * its events the way the real inference verticle does, and learns when the gateway cancelled it.
 */
public final class FakeGeneration {

  public static final String DEFAULT_MODEL = "tinyllama:latest";
  /** The timings every {@code done} event of the fake carries. */
  public static final JsonObject TIMINGS = new JsonObject().put("queue_ms", 1).put("ttft_ms", 2).put("total_ms", 3);

  private final Vertx vertx;
  private final Message<JsonObject> submit;
  private final InferenceRequest request;
  private int tokens;
  private boolean cancelled;
  private boolean ended;

  FakeGeneration(Vertx vertx, Message<JsonObject> submit) {
    this.vertx = vertx;
    this.submit = submit;
    this.request = InferenceRequest.fromJson(submit.body());
  }

  public Vertx vertx() {
    return vertx;
  }

  public InferenceRequest request() {
    return request;
  }

  /** The model the real service would route to. */
  public String model() {
    return request.model() != null ? request.model() : DEFAULT_MODEL;
  }

  public void ack() {
    submit.reply(new JsonObject().put("queued", true));
  }

  public void reject(Problem problem) {
    ended = true;
    submit.reply(problem.asReplyException());
  }

  public void started() {
    send(InferenceEvent.started(model(), 1));
  }

  public void token(String content) {
    tokens++;
    send(InferenceEvent.token(content));
  }

  public void tokenWith(JsonObject token) {
    tokens++;
    send(token.copy().put("type", InferenceEvent.TOKEN));
  }

  public void progress(JsonObject line) {
    send(InferenceEvent.progress(line));
  }

  public void done() {
    JsonObject ollama = new JsonObject()
        .put("model", model())
        .put("created_at", Instant.now().toString())
        .put("done", true)
        .put("done_reason", "stop")
        .put("total_duration", 1_000_000L)
        .put("load_duration", 10_000L)
        .put("prompt_eval_count", 5)
        .put("prompt_eval_duration", 20_000L)
        .put("eval_count", tokens)
        .put("eval_duration", 900_000L);
    if (request.kind() == InferenceKind.GENERATE) {
      ollama.put("context", new JsonArray().add(1).add(2).add(3));
    }
    JsonObject done = new JsonObject()
        .put("type", InferenceEvent.DONE)
        .put("model", model())
        .put("done_reason", "stop")
        .put("usage", new JsonObject().put("prompt_tokens", 5).put("completion_tokens", tokens))
        .put("timings", TIMINGS.copy())
        .put("ollama", ollama);
    if (request.kind() == InferenceKind.EMBED) {
      done.put("embeddings", new JsonArray().add(new JsonArray().add(0.1).add(0.2).add(0.3)));
      ollama.remove("eval_count");
      ollama.remove("eval_duration");
    }
    ended = true;
    send(done);
  }

  public void fail(Problem problem) {
    ended = true;
    send(InferenceEvent.error(problem));
  }

  void cancel() {
    if (!ended) {
      cancelled = true;
      ended = true;
      send(InferenceEvent.error(ProblemType.CANCELLED.problem("cancelled by the client")));
    }
  }

  public boolean cancelled() {
    return cancelled;
  }

  public boolean ended() {
    return ended;
  }

  private void send(JsonObject event) {
    vertx.eventBus().send(request.replyAddress(), event);
  }
}
