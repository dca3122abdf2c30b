package ai.sutazai.verticles.testing;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Failures the fake Ollama injects on demand: whole requests answered with an error status, and
 * streams that break off with Ollama's {@code {"error":...}} line after some tokens.
 */
public final class FakeOllamaFaults {

  /** A canned HTTP answer for a failed request. */
  public record Failure(int status, String body) {
  }

  /** An error line written after {@code afterLines} lines of a stream. */
  public record StreamError(int afterLines, String message) {
  }

  private int failuresLeft;
  private Failure failure;
  private int streamErrorsLeft;
  private StreamError streamError;

  /** Answers the next {@code count} requests (any endpoint) with this status and raw body. */
  public synchronized FakeOllamaFaults failNext(int count, int status, String body) {
    this.failuresLeft = count;
    this.failure = new Failure(status, body);
    return this;
  }

  /** Like {@link #failNext(int, int, String)} with Ollama's error shape {@code {"error":message}}. */
  public FakeOllamaFaults failNextWithError(int count, int status, String message) {
    return failNext(count, status, new JsonObject().put("error", message).encode());
  }

  /**
   * Makes the next {@code count} streams (chat, generate or pull) send {@code {"error":message}}
   * after {@code afterLines} lines and end.
   */
  public synchronized FakeOllamaFaults errorMidStream(int count, int afterLines, String message) {
    this.streamErrorsLeft = count;
    this.streamError = new StreamError(afterLines, message);
    return this;
  }

  /** Removes every pending fault. */
  public synchronized void clear() {
    failuresLeft = 0;
    streamErrorsLeft = 0;
  }

  synchronized Optional<Failure> takeFailure() {
    if (failuresLeft <= 0) {
      return Optional.empty();
    }
    failuresLeft--;
    return Optional.of(failure);
  }

  synchronized Optional<StreamError> takeStreamError() {
    if (streamErrorsLeft <= 0) {
      return Optional.empty();
    }
    streamErrorsLeft--;
    return Optional.of(streamError);
  }
}
