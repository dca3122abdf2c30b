package ai.sutazai.launcher.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.bus.RequestLogContext;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

/** The one-line log format. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LogLineFormatterTest {

  private final LogLineFormatter formatter = new LogLineFormatter();

  /** Verifies that a record becomes one line: UTC time, level, short logger name, message. */
  @Test
  void oneLinePerRecord() {
    LogRecord record = new LogRecord(Level.INFO, "gateway: http://0.0.0.0:10005");
    record.setLoggerName("ai.sutazai.launcher.PlatformDeployment");
    record.setInstant(Instant.parse("2025-01-02T03:04:05.006Z"));

    assertThat(formatter.format(record)).isEqualTo(
        "2025-01-02T03:04:05.006Z INFO  PlatformDeployment - gateway: http://0.0.0.0:10005" + System.lineSeparator());
  }

  /** Verifies that the id of the request being served stands in brackets before the message. */
  @Test
  void requestIdInBrackets() {
    LogRecord record = new LogRecord(Level.INFO, "conversation stored");
    record.setLoggerName("ai.sutazai.storage.StorageVerticle");
    record.setInstant(Instant.parse("2025-01-02T03:04:05.006Z"));
    MDC.put(RequestLogContext.KEY, "req-9");
    try {
      assertThat(formatter.format(record)).isEqualTo(
          "2025-01-02T03:04:05.006Z INFO  StorageVerticle [req-9] - conversation stored" + System.lineSeparator());
    } finally {
      MDC.remove(RequestLogContext.KEY);
    }
  }

  /** Verifies that an exception follows the line with its stack trace. */
  @Test
  void exceptionOnFollowingLines() {
    LogRecord record = new LogRecord(Level.SEVERE, "failed");
    record.setLoggerName("x.Y");
    record.setThrown(new IllegalStateException("boom"));

    String[] lines = formatter.format(record).split(System.lineSeparator());

    assertThat(lines[0]).endsWith(" ERROR Y - failed");
    assertThat(lines[1]).isEqualTo("java.lang.IllegalStateException: boom");
    assertThat(lines[2]).startsWith("\tat ");
  }

  /** Verifies that JUL levels print under their SLF4J names and nameless loggers as root. */
  @Test
  void levelAndLoggerNames() {
    assertThat(LogLineFormatter.levelName(Level.WARNING)).isEqualTo("WARN");
    assertThat(LogLineFormatter.levelName(Level.FINE)).isEqualTo("DEBUG");
    assertThat(LogLineFormatter.levelName(Level.FINEST)).isEqualTo("TRACE");
    assertThat(LogLineFormatter.shortName("")).isEqualTo("root");
    assertThat(LogLineFormatter.shortName("Plain")).isEqualTo("Plain");
  }
}
