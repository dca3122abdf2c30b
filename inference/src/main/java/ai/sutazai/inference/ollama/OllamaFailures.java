package ai.sutazai.inference.ollama;

import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;

/**
 * Turns what Ollama answered, or how talking to it failed, into a problem that keeps its meaning:
 * 404 is an unknown model (Ollama's own message), 503 is "busy", other 4xx an invalid request,
 * other 5xx an Ollama failure (502), and a refused, unresolvable or timed-out connection means
 * Ollama is not reachable (503).
 */
public final class OllamaFailures {

  private static final int MAX_DETAIL = 500;

  private OllamaFailures() {
  }

  /** Whether this status is Ollama's "server busy" answer, worth retrying after a pause. */
  public static boolean isBusy(int status) {
    return status == 503;
  }

  /** The problem for an error status from Ollama, given the body it sent. */
  public static Problem forStatus(int status, String body) {
    String message = message(body, status);
    if (status == 404) {
      return ProblemType.MODEL_NOT_FOUND.problem(message);
    }
    if (isBusy(status)) {
      return ProblemType.OLLAMA_BUSY.problem("Ollama is busy: " + message);
    }
    if (status >= 400 && status < 500) {
      return ProblemType.INVALID_REQUEST.problem("Ollama rejected the request: " + message);
    }
    return ProblemType.OLLAMA_ERROR.problem("Ollama failed (HTTP " + status + "): " + message);
  }

  /** The problem for a mid-stream {@code {"error":...}} line. */
  public static Problem forErrorLine(String message) {
    return ProblemType.OLLAMA_ERROR.problem("Ollama failed mid-stream: " + message);
  }

  /** The problem for a connection that could not be made or broke. */
  public static Problem forThrowable(Throwable failure, OllamaEndpoint endpoint) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException
          || t instanceof UnresolvedAddressException) {
        return unreachable(endpoint, describe(t));
      }
      if (t instanceof TimeoutException) {
        return ProblemType.OLLAMA_UNREACHABLE.problem("Ollama did not answer in time at "
            + endpoint.url() + ": " + describe(t));
      }
    }
    return ProblemType.OLLAMA_ERROR.problem("the connection to Ollama at " + endpoint.url()
        + " failed: " + describe(failure));
  }

  /** Ollama is not reachable at {@code <url>: <reason>}. */
  public static Problem unreachable(OllamaEndpoint endpoint, String reason) {
    return ProblemType.OLLAMA_UNREACHABLE.problem("Ollama is not reachable at " + endpoint.url() + ": " + reason);
  }

  /** Ollama's {@code error} field, or the body itself when it is not Ollama's error shape. */
  static String message(String body, int status) {
    String text = body == null ? "" : body.trim();
    if (text.startsWith("{")) {
      try {
        String error = new JsonObject(text).getString("error");
        if (error != null) {
          return error;
        }
      } catch (DecodeException | ClassCastException e) {
        return truncate(text);
      }
    }
    return text.isEmpty() ? "HTTP " + status + " without a message" : truncate(text);
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }

  private static String truncate(String text) {
    return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
  }
}
