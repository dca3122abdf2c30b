package ai.sutazai.verticles.testing;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One {@code /api/chat} or {@code /api/generate} call on the fake: validates it like Ollama, waits
 * for a slot, then plays its tokens and the final statistics line.
 */
final class FakeGeneration implements FakeStream.Script {

  private static final long LOAD_NANOS = 1_500_000L;

  private final FakeOllamaState state;
  private final HttpServerRequest request;
  private final boolean chat;
  private final String model;
  private final String label;
  private final int promptTokens;
  private final JsonObject body;
  private String scripted;
  private FakeSlots.Ticket ticket;
  private int tokens;
  private long startNanos;
  private long firstTokenNanos;

  private FakeGeneration(FakeOllamaState state, HttpServerRequest request, JsonObject body, boolean chat) {
    this.state = state;
    this.request = request;
    this.chat = chat;
    this.model = body.getString("model");
    this.label = chat ? lastMessage(body.getJsonArray("messages")) : body.getString("prompt", "");
    this.promptTokens = Math.max(1, label.split("\\s+").length);
    this.body = body;
  }

  static void handle(FakeOllamaState state, HttpServerRequest request, JsonObject body, boolean chat) {
    state.recorder().generationRequested(body);
    String model = body.getString("model");
    if (model == null || model.isBlank()) {
      FakeReplies.error(request.response(), 400, "model is required");
      return;
    }
    if (chat && body.containsKey("messages") && !(body.getValue("messages") instanceof JsonArray)) {
      FakeReplies.error(request.response(), 400,
          "json: cannot unmarshal " + body.getValue("messages").getClass().getSimpleName()
              + " into Go struct field ChatRequest.messages of type []api.Message");
      return;
    }
    if (!state.catalog().contains(model)) {
      FakeReplies.modelNotFound(request.response(), model);
      return;
    }
    FakeGeneration generation = new FakeGeneration(state, request, body, chat);
    if (chat && body.getJsonArray("messages", new JsonArray()).isEmpty()) {
      FakeReplies.json(request.response(), 200, generation.finalLine("", "load"));
      return;
    }
    generation.enqueue(FakeOllama.isStreaming(body));
  }

  private void enqueue(boolean streaming) {
    ticket = state.slots().enter(() -> begin(streaming));
    if (ticket == null) {
      FakeReplies.busy(request.response());
    } else if (!ticket.holding()) {
      request.response().closeHandler(v -> {
        ticket.release();
        state.recorder().recordHangUp(label);
      });
    }
  }

  private void begin(boolean streaming) {
    FakeOllamaOptions options = state.options();
    scripted = options.answers().apply(body);
    tokens = scripted != null ? 1 : options.tokensPerAnswer();
    startNanos = System.nanoTime();
    state.recorder().generationStarted(label);
    state.catalog().markLoaded(model);
    new FakeStream(state.vertx(), request.response(), streaming, state.faults().takeStreamError())
        .play(this, options.firstTokenDelayMs(), options.tokenDelayMs(), complete -> {
          state.recorder().generationEnded(label, complete);
          ticket.release();
        });
  }

  @Override
  public JsonObject line(int index) {
    if (index < tokens) {
      if (index == 0) {
        firstTokenNanos = System.nanoTime();
      }
      return partialLine(scripted != null ? scripted : FakeOllama.token(index));
    }
    return index == tokens ? finalLine("", "stop") : null;
  }

  @Override
  public int pacedLines() {
    return tokens;
  }

  @Override
  public JsonObject whole() {
    return finalLine(scripted != null ? scripted : FakeOllama.answer(tokens), "stop");
  }

  private JsonObject partialLine(String content) {
    JsonObject line = new JsonObject().put("model", model).put("created_at", Instant.now().toString());
    putContent(line, content);
    return line.put("done", false);
  }

  private JsonObject finalLine(String content, String doneReason) {
    JsonObject line = new JsonObject().put("model", model).put("created_at", Instant.now().toString());
    putContent(line, content);
    line.put("done_reason", doneReason).put("done", true);
    if ("load".equals(doneReason)) {
      return line;
    }
    if (!chat) {
      line.put("context", new JsonArray().add(1).add(2).add(3));
    }
    long now = System.nanoTime();
    long evalStart = firstTokenNanos == 0 ? now : firstTokenNanos;
    return line
        .put("total_duration", now - startNanos + LOAD_NANOS)
        .put("load_duration", LOAD_NANOS)
        .put("prompt_eval_count", promptTokens)
        .put("prompt_eval_duration", Math.max(0, evalStart - startNanos))
        .put("eval_count", tokens)
        .put("eval_duration", now - evalStart);
  }

  private void putContent(JsonObject line, String content) {
    if (chat) {
      line.put("message", new JsonObject().put("role", "assistant").put("content", content));
    } else {
      line.put("response", content);
    }
  }

  private static String lastMessage(JsonArray messages) {
    if (messages != null && !messages.isEmpty()
        && messages.getValue(messages.size() - 1) instanceof JsonObject last) {
      return String.valueOf(last.getValue("content", ""));
    }
    return "";
  }
}
