package ai.sutazai.agents.backend;

import ai.sutazai.agents.model.ModelCall;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * A {@code code_review} task. Code in a language SutazAI can check (Java, JSON) is parsed first,
 * and a syntax error is the result, without asking the model:
 * {@code {"language", "verdict": "syntax_error", "syntax_error": {"line","column","message"}}}.
 * Otherwise the model reviews it:
 * {@code {"language", "verdict": "reviewed", "syntax_checked": bool, "review": "..."}}.
 */
final class CodeReviewTask {

  static final String SYNTAX_ERROR = "syntax_error";
  static final String REVIEWED = "reviewed";

  private final String systemPrompt;
  private final ModelCall model;

  CodeReviewTask(String systemPrompt, ModelCall model) {
    this.systemPrompt = systemPrompt;
    this.model = model;
  }

  Future<JsonObject> run(JsonObject payload) {
    CodeReviewRequest request = CodeReviewRequest.from(payload);
    Optional<SyntaxCheck> checker = request.language() == null ? Optional.empty()
        : SyntaxCheck.forLanguage(request.language());
    Optional<SyntaxError> error = checker.flatMap(check -> check.firstError(request.code()));
    JsonObject result = new JsonObject().put("language", request.language());
    if (error.isPresent()) {
      return Future.succeededFuture(result.put("verdict", SYNTAX_ERROR).put("syntax_error", error.get().toJson()));
    }
    return model.chat(BackendPrompts.codeReview(systemPrompt, request))
        .map(review -> result.put("verdict", REVIEWED).put("syntax_checked", checker.isPresent()).put("review", review));
  }
}
