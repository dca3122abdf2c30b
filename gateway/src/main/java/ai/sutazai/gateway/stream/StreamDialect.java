package ai.sutazai.gateway.stream;

import ai.sutazai.gateway.http.SecurityHeaders;
import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

/**
 * How one API family frames a streamed answer on HTTP (SSE for ours and OpenAI's, NDJSON for
 * Ollama's). Each event method returns the text to write for one event, or null to write nothing.
 */
public interface StreamDialect {

  /** How the stream travels, for the stream meters; server-sent events unless a dialect says otherwise. */
  default StreamTransport transport() {
    return StreamTransport.SSE;
  }

  /** Sets the content type and caching headers; server-sent events unless a dialect says otherwise. */
  default void headers(MultiMap headers) {
    sseHeaders(headers);
  }

  /** The content type and caching headers of a server-sent event stream. */
  static void sseHeaders(MultiMap headers) {
    headers.set("Content-Type", "text/event-stream")
        .set("Cache-Control", SecurityHeaders.NO_STORE)
        .set("X-Accel-Buffering", "no");
  }

  default String started(JsonObject event) {
    return null;
  }

  default String token(JsonObject event) {
    return null;
  }

  default String progress(JsonObject event) {
    return null;
  }

  /** The closing frame(s); the stream ends after it. */
  String done(JsonObject event);

  /** A failure after the stream has started; the stream ends after it. */
  String error(Problem problem, String requestId);

  /** One SSE frame with a named event. */
  static String sseEvent(String event, JsonObject data) {
    return "event: " + event + "\ndata: " + data.encode() + "\n\n";
  }

  /** One SSE frame with an id (what a reconnecting client sends back as {@code Last-Event-ID}) and a named event. */
  static String sseEvent(Object id, String event, JsonObject data) {
    return "id: " + id + "\n" + sseEvent(event, data);
  }

  /** One SSE frame without an event name. */
  static String sseData(String data) {
    return "data: " + data + "\n\n";
  }
}
