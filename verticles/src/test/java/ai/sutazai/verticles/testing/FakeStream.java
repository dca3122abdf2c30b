package ai.sutazai.verticles.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Plays a script of NDJSON lines to one client with Ollama's pacing: a pause before the first line,
 * a pause before each further paced line, unpaced lines at once, and writes that wait for drain.
 * When the client asked {@code "stream":false} the lines are played silently and one whole object is
 * written at the end. Notices a client that hangs up, and can break off with an error line.
 */
final class FakeStream {

  /** What a stream says. */
  interface Script {
    /** The line at this index (asked once each, in order), or null when there is none left. */
    JsonObject line(int index);

    /** Lines before this index are paced by the token delay; later ones follow at once. */
    int pacedLines();

    /** The single answer for a client that asked {@code "stream":false}. */
    JsonObject whole();
  }

  private final Vertx vertx;
  private final HttpServerResponse response;
  private final boolean streaming;
  private final Optional<FakeOllamaFaults.StreamError> error;
  private Script script;
  private long delayMs;
  private Consumer<Boolean> onEnd;
  private int index;
  private long timer = -1;
  private boolean ended;

  FakeStream(Vertx vertx, HttpServerResponse response, boolean streaming,
      Optional<FakeOllamaFaults.StreamError> error) {
    this.vertx = vertx;
    this.response = response;
    this.streaming = streaming;
    this.error = error;
  }

  /**
   * Starts playing; {@code onEnd} gets true just before the answer's last write (so a client that
   * read the whole answer finds it recorded), false when the client hung up first.
   */
  void play(Script script, long firstDelayMs, long delayMs, Consumer<Boolean> onEnd) {
    this.script = script;
    this.delayMs = delayMs;
    this.onEnd = onEnd;
    response.closeHandler(v -> hungUp());
    if (firstDelayMs > 0) {
      timer = vertx.setTimer(firstDelayMs, t -> next());
    } else {
      vertx.getOrCreateContext().runOnContext(v -> next());
    }
  }

  private void next() {
    timer = -1;
    while (!ended) {
      if (response.closed()) {
        hungUp();
        return;
      }
      if (error.isPresent() && index == error.get().afterLines()) {
        breakOff(error.get().message());
        return;
      }
      JsonObject line = script.line(index);
      if (line == null) {
        finish();
        return;
      }
      index++;
      if (streaming) {
        write(line);
      }
      if (index < script.pacedLines() && delayMs > 0) {
        timer = vertx.setTimer(delayMs, t -> next());
        return;
      }
      if (response.writeQueueFull()) {
        response.drainHandler(v -> next());
        return;
      }
    }
  }

  private void write(JsonObject line) {
    if (!response.headWritten()) {
      response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/x-ndjson");
    }
    response.write(line.encode() + "\n");
  }

  private void breakOff(String message) {
    ended = true;
    onEnd.accept(true);
    JsonObject errorLine = new JsonObject().put("error", message);
    if (streaming) {
      write(errorLine);
      response.end();
    } else {
      FakeReplies.json(response, 500, errorLine);
    }
  }

  private void finish() {
    ended = true;
    onEnd.accept(true);
    if (streaming) {
      if (!response.headWritten()) {
        response.setStatusCode(200).putHeader("Content-Type", "application/x-ndjson");
      }
      response.end();
    } else {
      FakeReplies.json(response, 200, script.whole());
    }
  }

  private void hungUp() {
    if (ended) {
      return;
    }
    ended = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    onEnd.accept(false);
  }
}
