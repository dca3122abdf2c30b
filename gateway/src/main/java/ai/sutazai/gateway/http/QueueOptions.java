package ai.sutazai.gateway.http;

import ai.sutazai.verticles.config.Settings;
import ai.sutazai.verticles.inference.Priority;
import io.vertx.core.MultiMap;

/**
 * Where a request waits in the inference queue and for how long: body {@code priority} (else the
 * {@code X-Priority} header, else normal) and the optional body {@code timeout_ms}.
 *
 * @param priority  the queue level
 * @param timeoutMs the request deadline in milliseconds, 0 for the configured default
 */
public record QueueOptions(Priority priority, long timeoutMs) {

  public static final String PRIORITY_HEADER = "X-Priority";

  /** Reads the options from a body (whose fields win) and the request headers. */
  public static QueueOptions read(JsonFields body, MultiMap headers) {
    return read(body, headers.get(PRIORITY_HEADER));
  }

  /** Reads the options from a body and, when the body names no priority, the {@code X-Priority} value. */
  public static QueueOptions read(JsonFields body, String priorityHeader) {
    return new QueueOptions(priority(body, priorityHeader), timeoutMs(body));
  }

  private static long timeoutMs(JsonFields body) {
    long timeoutMs = body.optionalPositiveLong("timeout_ms");
    long max = Settings.QUEUE_DEADLINE_MS.max();
    if (timeoutMs > max) {
      throw body.invalid("timeout_ms", "must be at most " + max + " (one day), got " + timeoutMs);
    }
    return timeoutMs;
  }

  /** The body's {@code priority}, else the header's value, else normal. */
  private static Priority priority(JsonFields body, String header) {
    Object value = body.value("priority");
    if (value != null) {
      try {
        return Priority.parse(value);
      } catch (IllegalArgumentException e) {
        throw body.invalid("priority", e.getMessage());
      }
    }
    if (header != null) {
      try {
        return Priority.parse(header);
      } catch (IllegalArgumentException e) {
        throw JsonFields.invalidAt("header " + PRIORITY_HEADER, e.getMessage());
      }
    }
    return Priority.NORMAL;
  }
}
