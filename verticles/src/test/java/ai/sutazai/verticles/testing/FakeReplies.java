package ai.sutazai.verticles.testing;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** The fake's one-shot answers, with Ollama's content types and error shape. */
final class FakeReplies {

  private FakeReplies() {
  }

  static void json(HttpServerResponse response, int status, JsonObject body) {
    raw(response, status, body.encode());
  }

  static void raw(HttpServerResponse response, int status, String body) {
    if (response.closed() || response.ended()) {
      return;
    }
    response.setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body);
  }

  /** Ollama's error answer: {@code {"error":"..."}}. */
  static void error(HttpServerResponse response, int status, String message) {
    json(response, status, new JsonObject().put("error", message));
  }

  static void modelNotFound(HttpServerResponse response, String model) {
    error(response, 404, "model \"" + model + "\" not found, try pulling it first");
  }

  static void busy(HttpServerResponse response) {
    error(response, 503, "server busy, please try again.  maximum pending requests exceeded");
  }
}
