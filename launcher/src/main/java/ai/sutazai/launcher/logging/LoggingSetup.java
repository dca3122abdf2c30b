package ai.sutazai.launcher.logging;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Sends java.util.logging (which SLF4J and Vert.x log through here) to standard error, one
 * {@link LogLineFormatter} line per record, at INFO and above. A JVM started with
 * {@code -Djava.util.logging.config.file=...} keeps its own logging configuration instead.
 */
public final class LoggingSetup {

  private LoggingSetup() {
  }

  public static void install() {
    if (System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null) {
      return;
    }
    LogManager.getLogManager().reset();
    ConsoleHandler handler = new ConsoleHandler();
    handler.setFormatter(new LogLineFormatter());
    handler.setLevel(Level.ALL);
    Logger root = Logger.getLogger("");
    root.setLevel(Level.INFO);
    root.addHandler(handler);
  }
}
