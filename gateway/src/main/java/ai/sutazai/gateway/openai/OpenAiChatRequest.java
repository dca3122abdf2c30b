package ai.sutazai.gateway.openai;

import ai.sutazai.gateway.http.ChatLimits;
import ai.sutazai.gateway.http.QueueOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An OpenAI {@code /v1/chat/completions} request that has passed its schema, translated into
 * Ollama's chat body: messages (see {@link OpenAiMessages}), sampling fields into {@code options},
 * {@code response_format} into {@code format}, and {@code tools} as they are.
 */
public record OpenAiChatRequest(String model, JsonObject ollamaBody, boolean stream, boolean includeUsage,
    QueueOptions queue) {

  private static final String[] SAMPLING = {"temperature", "top_p", "presence_penalty", "frequency_penalty", "seed"};

  /** Reads a request its schema has checked; {@code limits} bound its messages (413 naming the limit). */
  public static OpenAiChatRequest read(JsonObject body, MultiMap headers, ChatLimits limits) {
    limits.checkMessages(body);
    JsonObject ollama = new JsonObject().put("messages", OpenAiMessages.toOllama(body.getJsonArray("messages")));
    JsonObject options = options(body);
    if (!options.isEmpty()) {
      ollama.put("options", options);
    }
    Object format = format(body.getJsonObject("response_format"));
    if (format != null) {
      ollama.put("format", format);
    }
    JsonArray tools = body.getJsonArray("tools");
    if (tools != null && !tools.isEmpty()) {
      ollama.put("tools", tools);
    }
    JsonObject streamOptions = body.getJsonObject("stream_options");
    boolean includeUsage = streamOptions != null && Boolean.TRUE.equals(streamOptions.getBoolean("include_usage"));
    return new OpenAiChatRequest(body.getString("model"), ollama, Boolean.TRUE.equals(body.getBoolean("stream")),
        includeUsage, QueueOptions.read(body, headers));
  }

  private static JsonObject options(JsonObject body) {
    JsonObject options = new JsonObject();
    for (String field : SAMPLING) {
      if (body.getValue(field) != null) {
        options.put(field, body.getValue(field));
      }
    }
    Long maxTokens = body.getLong("max_completion_tokens");
    if (maxTokens == null) {
      maxTokens = body.getLong("max_tokens");
    }
    if (maxTokens != null) {
      options.put("num_predict", maxTokens);
    }
    Object stop = body.getValue("stop");
    if (stop instanceof String s) {
      options.put("stop", new JsonArray().add(s));
    } else if (stop != null) {
      options.put("stop", stop);
    }
    return options;
  }

  private static Object format(JsonObject responseFormat) {
    if (responseFormat == null) {
      return null;
    }
    switch (responseFormat.getString("type")) {
      case "json_object":
        return "json";
      case "json_schema":
        return responseFormat.getJsonObject("json_schema").getJsonObject("schema");
      default:
        return null;
    }
  }
}
