package ai.sutazai.verticles.bus;

import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** Helpers for serving event-bus requests: JSON bodies, required fields and replies failed with a problem. */
public final class BusMessages {

  private BusMessages() {
  }

  /** Fails the reply with a problem, readable again with {@link Problem#of(Throwable)}. */
  public static void fail(Message<?> message, Problem problem) {
    message.fail(problem.status(), problem.toJson().encode());
  }

  /** Fails the reply with the problem {@code failure} carries, its extension members included. */
  public static void fail(Message<?> message, Throwable failure) {
    Problem problem = Problem.of(failure);
    message.fail(problem.status(), problem.toJson().mergeIn(Problem.extensions(failure)).encode());
  }

  /** The JSON body of a request, or null after failing the reply when it has none. */
  public static JsonObject jsonBody(Message<Object> message) {
    if (message.body() instanceof JsonObject json) {
      return json;
    }
    fail(message, ProblemType.INVALID_REQUEST.problem("the message body must be a JSON object"));
    return null;
  }

  /** A required non-blank string field, or null after failing the reply naming the field. */
  public static String requiredString(Message<?> message, JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value instanceof String text && !text.isBlank()) {
      return text;
    }
    fail(message, ProblemType.INVALID_REQUEST.problem("'" + field + "' must be a non-empty string"));
    return null;
  }
}
