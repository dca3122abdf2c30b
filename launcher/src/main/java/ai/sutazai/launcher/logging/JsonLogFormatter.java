package ai.sutazai.launcher.logging;

import ai.sutazai.verticles.bus.RequestLogContext;
import io.vertx.core.json.JsonObject;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import org.slf4j.MDC;

/**
 * Formats a log record as one JSON object on one line ({@code log.format=json}), for log shippers:
 * {@code {"ts", "level", "logger", "thread", "message", "request_id"?, "exception"?}}. {@code ts} is ISO-8601 UTC
 * with milliseconds, {@code level} the SLF4J name, {@code logger} the full logger name, {@code request_id} the id
 * of the request being served (see {@link RequestLogContext}) and {@code exception} the stack trace as text.
 */
public final class JsonLogFormatter extends Formatter {

  @Override
  public String format(LogRecord record) {
    JsonObject line = new JsonObject()
        .put("ts", LogLineFormatter.TIME.format(record.getInstant()))
        .put("level", LogLineFormatter.levelName(record.getLevel()))
        .put("logger", record.getLoggerName() == null || record.getLoggerName().isEmpty() ? "root"
            : record.getLoggerName())
        // Handlers format on the thread that logs, so the current thread is the record's.
        .put("thread", Thread.currentThread().getName())
        .put("message", formatMessage(record));
    String requestId = MDC.get(RequestLogContext.KEY);
    if (requestId != null) {
      line.put("request_id", requestId);
    }
    if (record.getThrown() != null) {
      line.put("exception", LogLineFormatter.stackTrace(record.getThrown()));
    }
    return line.encode() + System.lineSeparator();
  }
}
