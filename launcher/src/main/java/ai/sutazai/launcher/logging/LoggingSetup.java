package ai.sutazai.launcher.logging;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Sends java.util.logging (which SLF4J and Vert.x log through here) to standard error, one line per record at INFO
 * and above: a {@link LogLineFormatter} line for {@code log.format=text}, a {@link JsonLogFormatter} object for
 * {@code json}. A JVM started with {@code -Djava.util.logging.config.file=...} keeps its own logging configuration
 * instead.
 */
public final class LoggingSetup {

  /** Libraries whose INFO lines repeat what SutazAI's own startup lines say; held so the levels stick. */
  private static final Logger[] QUIETED = {Logger.getLogger("org.flywaydb"), Logger.getLogger("io.zonky")};
  private static final Logger METER_REGISTRY = Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");

  private LoggingSetup() {
  }

  /** Installs the console handler with the formatter of {@code format} ({@code text} or {@code json}). */
  public static void install(String format) {
    if (System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null) {
      return;
    }
    LogManager.getLogManager().reset();
    ConsoleHandler handler = new ConsoleHandler();
    handler.setFormatter(formatter(format));
    handler.setLevel(Level.ALL);
    Logger root = Logger.getLogger("");
    root.setLevel(Level.INFO);
    root.addHandler(handler);
    for (Logger library : QUIETED) {
      library.setLevel(Level.WARNING);
    }
    // vertx-micrometer-metrics 5.0.8 registers its event-bus handler gauge once per consumer; Micrometer
    // warns about the second registration at startup although the gauge counts correctly.
    METER_REGISTRY.setLevel(Level.SEVERE);
  }

  static Formatter formatter(String format) {
    return switch (format) {
      case "text" -> new LogLineFormatter();
      case "json" -> new JsonLogFormatter();
      default -> throw new IllegalArgumentException("log.format must be text or json, got " + format);
    };
  }
}
