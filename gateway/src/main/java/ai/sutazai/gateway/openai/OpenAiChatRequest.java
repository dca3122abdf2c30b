package ai.sutazai.gateway.openai;

import ai.sutazai.gateway.http.ChatLimits;
import ai.sutazai.gateway.http.JsonFields;
import ai.sutazai.gateway.http.QueueOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An OpenAI {@code /v1/chat/completions} request, checked and translated into Ollama's chat body:
 * messages (see {@link OpenAiMessages}), sampling fields into {@code options},
 * {@code response_format} into {@code format}, and {@code tools} as they are.
 */
public record OpenAiChatRequest(String model, JsonObject ollamaBody, boolean stream, boolean includeUsage,
    QueueOptions queue) {

  /** Reads and checks a request; {@code limits} bound its messages (413 naming the limit). */
  public static OpenAiChatRequest read(JsonFields body, MultiMap headers, ChatLimits limits) {
    String model = body.requiredString("model");
    limits.checkMessages(body);
    JsonObject ollama = new JsonObject().put("messages", OpenAiMessages.toOllama(body));
    JsonObject options = options(body);
    if (!options.isEmpty()) {
      ollama.put("options", options);
    }
    Object format = format(body);
    if (format != null) {
      ollama.put("format", format);
    }
    JsonArray tools = body.optionalArray("tools");
    if (tools != null && !tools.isEmpty()) {
      ollama.put("tools", tools);
    }
    Number n = body.optionalNumber("n");
    if (n != null && n.doubleValue() != 1) {
      throw body.invalid("n", "must be 1 (one choice per request)");
    }
    JsonFields streamOptions = body.optionalFields("stream_options");
    boolean includeUsage = streamOptions != null && streamOptions.optionalBoolean("include_usage", false);
    return new OpenAiChatRequest(model, ollama, body.optionalBoolean("stream", false), includeUsage,
        QueueOptions.read(body, headers));
  }

  private static JsonObject options(JsonFields body) {
    JsonObject options = new JsonObject();
    copyNumber(body, "temperature", options, "temperature");
    copyNumber(body, "top_p", options, "top_p");
    copyNumber(body, "presence_penalty", options, "presence_penalty");
    copyNumber(body, "frequency_penalty", options, "frequency_penalty");
    if (body.has("seed")) {
      options.put("seed", wholeNumber(body, "seed"));
    }
    long maxTokens = body.optionalPositiveLong("max_completion_tokens");
    if (maxTokens == 0) {
      maxTokens = body.optionalPositiveLong("max_tokens");
    }
    if (maxTokens > 0) {
      options.put("num_predict", maxTokens);
    }
    Object stop = body.value("stop");
    if (stop instanceof String s) {
      options.put("stop", new JsonArray().add(s));
    } else if (stop instanceof JsonArray list && list.stream().allMatch(String.class::isInstance)) {
      options.put("stop", list);
    } else if (stop != null) {
      throw body.invalid("stop", "must be a string or an array of strings");
    }
    return options;
  }

  private static void copyNumber(JsonFields body, String name, JsonObject options, String option) {
    Number value = body.optionalNumber(name);
    if (value != null) {
      options.put(option, value);
    }
  }

  private static long wholeNumber(JsonFields body, String name) {
    Number value = body.optionalNumber(name);
    if (value.doubleValue() != value.longValue()) {
      throw body.invalid(name, "must be a whole number");
    }
    return value.longValue();
  }

  private static Object format(JsonFields body) {
    JsonFields format = body.optionalFields("response_format");
    if (format == null) {
      return null;
    }
    String type = format.optionalChoice("type", List.of("text", "json_object", "json_schema"));
    if (type == null) {
      throw format.invalid("type", "is required (text, json_object or json_schema)");
    }
    switch (type) {
      case "json_object":
        return "json";
      case "json_schema":
        JsonFields schema = format.optionalFields("json_schema");
        if (schema == null || schema.optionalObject("schema") == null) {
          throw format.invalid("json_schema", "needs a schema (a JSON object)");
        }
        return schema.optionalObject("schema");
      default:
        return null;
    }
  }
}
