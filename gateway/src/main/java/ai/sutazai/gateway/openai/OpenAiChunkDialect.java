package ai.sutazai.gateway.openai;

import ai.sutazai.gateway.http.ErrorDialect;
import ai.sutazai.verticles.inference.client.Answer;
import ai.sutazai.gateway.stream.StreamDialect;
import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * OpenAI's streamed chat: {@code data: {chat.completion.chunk}} frames (the first delta names the
 * assistant role), a last chunk with the finish reason and SutazAI's {@code timings}, an optional
 * usage chunk, then {@code data: [DONE]}.
 */
final class OpenAiChunkDialect implements StreamDialect {

  private static final String DONE = StreamDialect.sseData("[DONE]");

  private final String id;
  private final long created;
  private final boolean includeUsage;
  private String model;
  private int toolCallCount;

  OpenAiChunkDialect(String id, long created, String model, boolean includeUsage) {
    this.id = id;
    this.created = created;
    this.model = model;
    this.includeUsage = includeUsage;
  }

  @Override
  public String started(JsonObject event) {
    model = event.getString("model", model);
    return frame(new JsonObject().put("role", "assistant").put("content", ""), null);
  }

  @Override
  public String token(JsonObject event) {
    JsonObject delta = new JsonObject().put("content", event.getString("content", ""));
    if (event.getValue("thinking") != null) {
      delta.put("reasoning", event.getValue("thinking"));
    }
    JsonArray toolCalls = OpenAiShapes.toolCalls(event.getJsonArray("tool_calls"));
    if (toolCalls != null) {
      for (int i = 0; i < toolCalls.size(); i++) {
        toolCalls.getJsonObject(i).put("index", toolCallCount++);
      }
      delta.put("tool_calls", toolCalls);
    }
    return frame(delta, null);
  }

  @Override
  public String done(JsonObject event) {
    String finishReason = OpenAiShapes.finishReason(event.getString("done_reason"), toolCallCount > 0);
    JsonObject finish = chunk(new JsonObject(), finishReason).put("timings", Answer.timingsOf(event));
    StringBuilder frames = new StringBuilder(StreamDialect.sseData(finish.encode()));
    if (includeUsage) {
      JsonObject usageChunk = OpenAiShapes.chunk(id, created, model, new JsonObject(), null)
          .put("choices", new JsonArray())
          .put("usage", OpenAiShapes.usage(event));
      frames.append(StreamDialect.sseData(usageChunk.encode()));
    }
    return frames.append(DONE).toString();
  }

  @Override
  public String error(Problem problem, String requestId) {
    return StreamDialect.sseData(new JsonObject().put("error", ErrorDialect.openAiError(problem)).encode());
  }

  private String frame(JsonObject delta, String finishReason) {
    return StreamDialect.sseData(chunk(delta, finishReason).encode());
  }

  private JsonObject chunk(JsonObject delta, String finishReason) {
    JsonObject chunk = OpenAiShapes.chunk(id, created, model, delta, finishReason);
    if (includeUsage) {
      chunk.put("usage", null);
    }
    return chunk;
  }
}
