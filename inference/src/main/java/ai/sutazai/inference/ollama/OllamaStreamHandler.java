package ai.sutazai.inference.ollama;

import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.json.JsonObject;

/**
 * Receives one streamed Ollama call: {@link #onAccepted()} when Ollama answered 200, a line at a
 * time, then exactly one of {@link #onEnd()} or {@link #onFailure(Problem)} unless the call was
 * aborted (an aborted call reports nothing more). All on the caller's event loop.
 */
public interface OllamaStreamHandler {

  void onAccepted();

  /** A parsed NDJSON line that is not an error line. */
  void onLine(JsonObject line);

  /** Ollama ended the stream normally. */
  void onEnd();

  /** The call failed: an error status after any retries, a broken connection or an error line. */
  void onFailure(Problem problem);
}
