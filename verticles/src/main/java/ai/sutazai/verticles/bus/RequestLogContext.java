package ai.sutazai.verticles.bus;

import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import org.slf4j.MDC;

/**
 * Puts the request id an event-bus message carries ({@link ServiceRequests#REQUEST_ID_HEADER}) into the logging
 * context (SLF4J's MDC, key {@value #KEY}) while its handler runs, so that every line logged in the synchronous
 * part of the handling names the HTTP request it serves. Work continued in callbacks later runs outside it; wrap
 * a log line there with {@link #run(Message, Runnable)}.
 */
public final class RequestLogContext {

  /** The MDC key, and the field of a JSON log line, that holds the request id. */
  public static final String KEY = "request_id";

  private RequestLogContext() {
  }

  /** {@code handler}, run with the message's request id in the logging context (when it carries one). */
  public static <T> Handler<Message<T>> around(Handler<Message<T>> handler) {
    return message -> run(message, () -> handler.handle(message));
  }

  /** Runs {@code action} with the message's request id in the logging context, then restores the context. */
  public static void run(Message<?> message, Runnable action) {
    String requestId = message.headers().get(ServiceRequests.REQUEST_ID_HEADER);
    if (requestId == null) {
      action.run();
      return;
    }
    String outer = MDC.get(KEY);
    MDC.put(KEY, requestId);
    try {
      action.run();
    } finally {
      if (outer == null) {
        MDC.remove(KEY);
      } else {
        MDC.put(KEY, outer);
      }
    }
  }
}
