package ai.sutazai.inference;

import ai.sutazai.inference.ollama.OllamaStreamCall;
import ai.sutazai.inference.ollama.OllamaStreamHandler;
import ai.sutazai.verticles.bus.BusMessages;
import ai.sutazai.verticles.inference.InferenceEvent;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * One model pull: acknowledges the request once Ollama accepted it (or fails the reply when it did
 * not), then relays Ollama's status lines as {@code progress} events and ends with {@code done}
 * on "success", or {@code error}. A manifest Ollama's registry lacks is reported as an unknown model.
 */
final class PullRelay implements OllamaStreamHandler {

  private final String model;
  private final String replyAddress;
  private final Message<?> request;
  private final EventBus eventBus;
  private final Consumer<PullRelay> onFinished;
  private OllamaStreamCall call;
  private boolean accepted;
  private boolean finished;

  PullRelay(String model, String replyAddress, Message<?> request, EventBus eventBus, Consumer<PullRelay> onFinished) {
    this.model = model;
    this.replyAddress = replyAddress;
    this.request = request;
    this.eventBus = eventBus;
    this.onFinished = onFinished;
  }

  void call(OllamaStreamCall call) {
    this.call = call;
  }

  @Override
  public void onAccepted() {
    accepted = true;
    request.reply(new JsonObject());
  }

  @Override
  public void onLine(JsonObject line) {
    if (finished) {
      return;
    }
    if ("success".equals(line.getString("status"))) {
      finish(new JsonObject().put("type", InferenceEvent.DONE).put("model", model).put("status", "success"));
    } else {
      eventBus.send(replyAddress, InferenceEvent.progress(line));
    }
  }

  @Override
  public void onEnd() {
    fail(ProblemType.OLLAMA_ERROR.problem("Ollama ended the pull of " + model + " before it succeeded"));
  }

  @Override
  public void onFailure(Problem problem) {
    if (problem.detail().contains("file does not exist")) {
      fail(ProblemType.MODEL_NOT_FOUND.problem("model '" + model + "' is not in the registry: " + problem.detail()));
    } else {
      fail(problem);
    }
  }

  /** Stops the pull (Ollama sees the connection close) and ends it with this problem. */
  void abort(Problem problem) {
    if (call != null) {
      call.abort();
    }
    fail(problem);
  }

  private void fail(Problem problem) {
    if (accepted) {
      finish(InferenceEvent.error(problem));
    } else if (!finished) {
      finished = true;
      BusMessages.fail(request, problem);
      onFinished.accept(this);
    }
  }

  private void finish(JsonObject terminalEvent) {
    if (finished) {
      return;
    }
    finished = true;
    eventBus.send(replyAddress, terminalEvent);
    onFinished.accept(this);
  }
}
