package ai.sutazai.launcher.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.bus.RequestLogContext;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

/** The JSON log format: one object per line. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JsonLogFormatterTest {

  private final JsonLogFormatter formatter = new JsonLogFormatter();

  @AfterEach
  void clearContext() {
    MDC.remove(RequestLogContext.KEY);
  }

  /** Verifies that a record becomes one JSON object with time, level, logger, thread and message, and no more. */
  @Test
  void oneObjectPerRecord() {
    LogRecord record = record(Level.WARNING, "ollama: {0} at \"{1}\"\nsecond line", "slow", "http://x");

    String line = formatter.format(record);

    assertThat(line).endsWith(System.lineSeparator());
    assertThat(line.strip()).doesNotContain("\n");
    assertThat(new JsonObject(line)).isEqualTo(new JsonObject()
        .put("ts", "2025-01-02T03:04:05.006Z")
        .put("level", "WARN")
        .put("logger", "ai.sutazai.inference.InferenceVerticle")
        .put("thread", Thread.currentThread().getName())
        .put("message", "ollama: slow at \"http://x\"\nsecond line"));
  }

  /** Verifies that the request being served and an exception's stack trace get their own fields. */
  @Test
  void requestIdAndException() {
    MDC.put(RequestLogContext.KEY, "req-7");
    LogRecord record = record(Level.SEVERE, "failed");
    record.setThrown(new IllegalStateException("boom"));

    JsonObject line = new JsonObject(formatter.format(record));

    assertThat(line.getString("level")).isEqualTo("ERROR");
    assertThat(line.getString("request_id")).isEqualTo("req-7");
    assertThat(line.getString("exception"))
        .startsWith("java.lang.IllegalStateException: boom")
        .contains("\tat ai.sutazai.launcher.logging.JsonLogFormatterTest.requestIdAndException");
  }

  /** Verifies that the setting's two values pick their formatter. */
  @Test
  void formatSettingPicksTheFormatter() {
    assertThat(LoggingSetup.formatter("json")).isInstanceOf(JsonLogFormatter.class);
    assertThat(LoggingSetup.formatter("text")).isInstanceOf(LogLineFormatter.class);
  }

  private static LogRecord record(Level level, String message, Object... parameters) {
    LogRecord record = new LogRecord(level, message);
    record.setParameters(parameters);
    record.setLoggerName("ai.sutazai.inference.InferenceVerticle");
    record.setInstant(Instant.parse("2025-01-02T03:04:05.006Z"));
    return record;
  }
}
