package ai.sutazai.storage.taskbus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The records one class logs while a test runs (SLF4J goes to java.util.logging in tests). */
final class CapturedLogs extends Handler implements AutoCloseable {

  private final Logger logger;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private CapturedLogs(Class<?> logging) {
    this.logger = Logger.getLogger(logging.getName());
    logger.addHandler(this);
  }

  static CapturedLogs of(Class<?> logging) {
    return new CapturedLogs(logging);
  }

  /** The messages logged at WARN (java.util.logging's WARNING), their arguments filled in. */
  List<String> warnings() {
    return records.stream().filter(record -> record.getLevel() == Level.WARNING).map(LogRecord::getMessage).toList();
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
