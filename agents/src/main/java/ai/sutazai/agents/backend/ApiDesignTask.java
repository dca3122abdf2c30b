package ai.sutazai.agents.backend;

import ai.sutazai.agents.model.ChatMessage;
import ai.sutazai.agents.model.ModelCall;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An {@code api_design} task: asks the model for an OpenAPI 3 document, validates the answer, and
 * when it is invalid asks once more with the validation messages. The result is
 * {@code {"document": {...}, "summary": {"title","version","openapi","paths","operations"}, "attempts": n}}.
 */
final class ApiDesignTask {

  static final int ATTEMPTS = 2;

  private final String systemPrompt;
  private final ModelCall model;
  private final OpenApiDocumentCheck check = new OpenApiDocumentCheck();

  ApiDesignTask(String systemPrompt, ModelCall model) {
    this.systemPrompt = systemPrompt;
    this.model = model;
  }

  Future<JsonObject> run(JsonObject payload) {
    ApiDesignRequest request = ApiDesignRequest.from(payload);
    return attempt(BackendPrompts.apiDesign(systemPrompt, request), 1);
  }

  private Future<JsonObject> attempt(List<ChatMessage> messages, int attempt) {
    return model.chat(messages).compose(answer -> {
      OpenApiReading reading = check.read(answer);
      if (reading.isValid()) {
        return Future.succeededFuture(new JsonObject()
            .put("document", reading.document())
            .put("summary", reading.summary().toJson())
            .put("attempts", attempt));
      }
      if (attempt < ATTEMPTS) {
        return attempt(BackendPrompts.apiDesignCorrection(messages, answer, reading.problems()), attempt + 1);
      }
      return Future.failedFuture(new InvalidModelAnswerException("OpenAPI document", attempt, reading.problems()));
    });
  }
}
