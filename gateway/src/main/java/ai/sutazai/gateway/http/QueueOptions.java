package ai.sutazai.gateway.http;

import ai.sutazai.verticles.inference.Priority;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

/**
 * Where a request waits in the inference queue and for how long: body {@code priority} (else the
 * {@code X-Priority} header, else normal) and the optional body {@code timeout_ms}, whose type and
 * range the body's schema has checked.
 *
 * @param priority  the queue level
 * @param timeoutMs the request deadline in milliseconds, 0 for the configured default
 */
public record QueueOptions(Priority priority, long timeoutMs) {

  public static final String PRIORITY_HEADER = "X-Priority";

  /** Reads the options from a checked body (whose fields win) and the request headers. */
  public static QueueOptions read(JsonObject body, MultiMap headers) {
    return read(body, headers.get(PRIORITY_HEADER));
  }

  /** Reads the options from a checked body and, when the body names no priority, the {@code X-Priority} value. */
  public static QueueOptions read(JsonObject body, String priorityHeader) {
    Long timeoutMs = body.getLong("timeout_ms");
    return new QueueOptions(priority(body.getValue("priority"), priorityHeader), timeoutMs == null ? 0 : timeoutMs);
  }

  /** The body's {@code priority}, else the header's value, else normal. */
  private static Priority priority(Object value, String header) {
    if (value != null) {
      try {
        return Priority.parse(value);
      } catch (IllegalArgumentException e) {
        throw InvalidField.at("/priority", e.getMessage());
      }
    }
    if (header != null) {
      try {
        return Priority.parse(header);
      } catch (IllegalArgumentException e) {
        throw InvalidField.at("header " + PRIORITY_HEADER, e.getMessage());
      }
    }
    return Priority.NORMAL;
  }
}
