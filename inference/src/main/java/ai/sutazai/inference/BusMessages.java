package ai.sutazai.inference;

import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** Small helpers for the inference verticle's event-bus requests and their failed replies. */
final class BusMessages {

  private BusMessages() {
  }

  /** Fails the reply with a problem, readable again with {@link Problem#of(Throwable)}. */
  static void fail(Message<?> message, Problem problem) {
    message.fail(problem.status(), problem.toJson().encode());
  }

  static void fail(Message<?> message, Throwable failure) {
    fail(message, Problem.of(failure));
  }

  /** The JSON body of a request, or null after failing the reply when it has none. */
  static JsonObject jsonBody(Message<Object> message) {
    if (message.body() instanceof JsonObject json) {
      return json;
    }
    fail(message, ProblemType.INVALID_REQUEST.problem("the message body must be a JSON object"));
    return null;
  }

  /** A required non-blank string field, or null after failing the reply naming the field. */
  static String requiredString(Message<?> message, JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value instanceof String text && !text.isBlank()) {
      return text;
    }
    fail(message, ProblemType.INVALID_REQUEST.problem("'" + field + "' must be a non-empty string"));
    return null;
  }
}
