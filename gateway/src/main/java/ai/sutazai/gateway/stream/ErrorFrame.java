package ai.sutazai.gateway.stream;

import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.json.JsonObject;

/** The error frame of SutazAI's WebSockets: {@code {"type": "error", "status", "title", "detail", "problem_type", "request_id"}}. */
public final class ErrorFrame {

  private ErrorFrame() {
  }

  public static JsonObject of(Problem problem, String requestId) {
    return new JsonObject().put("type", "error")
        .put("status", problem.status())
        .put("title", problem.title())
        .put("detail", problem.detail())
        .put("problem_type", problem.type())
        .put("request_id", requestId);
  }
}
