package ai.sutazai.launcher.logging;

import ai.sutazai.verticles.bus.RequestLogContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.MDC;

/**
 * Formats a log record as one line: ISO-8601 UTC time, level (SLF4J names), the logger's short name, the id of the
 * request being served in brackets when there is one (see {@link RequestLogContext}), and the message; an exception
 * follows on the next lines.
 */
public final class LogLineFormatter extends Formatter {

  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Override
  public String format(LogRecord record) {
    StringBuilder line = new StringBuilder(128)
        .append(TIME.format(record.getInstant())).append(' ')
        .append(String.format("%-5s", levelName(record.getLevel()))).append(' ')
        .append(shortName(record.getLoggerName()));
    String requestId = MDC.get(RequestLogContext.KEY);
    if (requestId != null) {
      line.append(" [").append(requestId).append(']');
    }
    line.append(" - ")
        .append(formatMessage(record))
        .append(System.lineSeparator());
    if (record.getThrown() != null) {
      line.append(stackTrace(record.getThrown()));
    }
    return line.toString();
  }

  /** The stack trace of {@code thrown} as {@code printStackTrace} prints it, causes included. */
  static String stackTrace(Throwable thrown) {
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }

  static String levelName(Level level) {
    int value = level.intValue();
    if (value >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (value >= Level.WARNING.intValue()) {
      return "WARN";
    }
    if (value >= Level.INFO.intValue()) {
      return "INFO";
    }
    return value >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
  }

  static String shortName(String loggerName) {
    if (loggerName == null || loggerName.isEmpty()) {
      return "root";
    }
    return loggerName.substring(loggerName.lastIndexOf('.') + 1);
  }
}
