package ai.sutazai.agents.backend;

import ai.sutazai.agents.model.ChatMessage;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Every prompt the senior backend developer sends: the agent's system prompt, then the task in words. */
final class BackendPrompts {

  private static final String API_DESIGN = """
      Design the HTTP API described below as one complete OpenAPI 3.0 document in YAML.
      Give every operation an operationId, its parameters, its request body where it takes one, \
      and its responses, error responses included; put shared schemas under components/schemas \
      and refer to them with local $refs only.
      Answer with the document in a single ```yaml fenced block and nothing else.

      Requirements:
      %s""";

  private static final String API_DESIGN_CORRECTION = """
      That document is not a valid OpenAPI 3 document. The parser reported:
      %s
      Answer again with the whole corrected document in a single ```yaml fenced block and nothing else.""";

  private static final String CODE_REVIEW = """
      Review the %s below. List your findings by severity (blocker, major, minor); for each give \
      the line, what is wrong and a concrete fix. If you find nothing worth changing, say so.

      ```%s
      %s
      ```""";

  private static final String OTHER_TASK = """
      Carry out this %s task. The task's payload (JSON):
      %s""";

  private BackendPrompts() {
  }

  static List<ChatMessage> apiDesign(String systemPrompt, ApiDesignRequest request) {
    StringBuilder task = new StringBuilder(API_DESIGN.formatted(request.requirements()));
    if (request.title() != null) {
      task.append("\n\nUse the title: ").append(request.title());
    }
    if (request.version() != null) {
      task.append("\nUse the API version: ").append(request.version());
    }
    if (request.context() != null) {
      task.append("\n\nContext (JSON):\n").append(Json.encodePrettily(request.context()));
    }
    return List.of(ChatMessage.system(systemPrompt), ChatMessage.user(task.toString()));
  }

  /** The conversation so far, the rejected answer, and the request to correct it naming every problem. */
  static List<ChatMessage> apiDesignCorrection(List<ChatMessage> asked, String answer, List<String> problems) {
    List<ChatMessage> messages = new ArrayList<>(asked);
    messages.add(ChatMessage.assistant(answer));
    messages.add(ChatMessage.user(API_DESIGN_CORRECTION.formatted(bullets(problems))));
    return List.copyOf(messages);
  }

  static List<ChatMessage> codeReview(String systemPrompt, CodeReviewRequest request) {
    String what = request.language() == null ? "code" : request.language() + " code";
    String fence = request.language() == null ? "" : request.language();
    return List.of(ChatMessage.system(systemPrompt),
        ChatMessage.user(CODE_REVIEW.formatted(what, fence, request.code())));
  }

  static List<ChatMessage> otherTask(String systemPrompt, String taskType, JsonObject payload) {
    return List.of(ChatMessage.system(systemPrompt),
        ChatMessage.user(OTHER_TASK.formatted(taskType, payload.encodePrettily())));
  }

  static String bullets(List<String> lines) {
    return String.join("\n", lines.stream().map(line -> "- " + line).toList());
  }
}
