package ai.sutazai.gateway.http;

import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.json.JsonObject;

/**
 * The extra field a problem object carries so each client family shows the message: OpenAI SDKs
 * read {@code error.message}, Ollama clients read {@code error}; our own API needs nothing more.
 */
public enum ErrorDialect {
  NATIVE, OPENAI, OLLAMA;

  /** The dialect of a request path: {@code /v1/*} is OpenAI, {@code /api/*} outside {@code /api/v1/} is Ollama. */
  public static ErrorDialect ofPath(String path) {
    if (path == null) {
      return NATIVE;
    }
    if (path.equals("/v1") || path.startsWith("/v1/")) {
      return OPENAI;
    }
    if (path.startsWith("/api/") && !path.startsWith("/api/v1/") && !path.equals("/api/v1")) {
      return OLLAMA;
    }
    return NATIVE;
  }

  /** Adds this dialect's error field to a problem object. */
  public JsonObject decorate(JsonObject body, Problem problem) {
    switch (this) {
      case OPENAI:
        return body.put("error", openAiError(problem));
      case OLLAMA:
        return body.put("error", problem.detail());
      default:
        return body;
    }
  }

  /** OpenAI's {@code {"message","type","code","param"}} for a problem. */
  public static JsonObject openAiError(Problem problem) {
    return new JsonObject()
        .put("message", problem.detail())
        .put("type", openAiType(problem.status()))
        .put("param", null)
        .put("code", code(problem));
  }

  private static String openAiType(int status) {
    if (status == 429) {
      return "rate_limit_error";
    }
    return status >= 500 ? "server_error" : "invalid_request_error";
  }

  private static String code(Problem problem) {
    ProblemType type = ProblemType.fromUri(problem.type());
    String uri = problem.type() == null ? "" : problem.type();
    String slug = type != null ? uri.substring(uri.lastIndexOf(':') + 1) : "error";
    return slug.replace('-', '_');
  }
}
