package ai.sutazai.gateway.audit;

import ai.sutazai.gateway.storage.StorageClient;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends audit rows to storage without anyone waiting for them. A row storage cannot take is never dropped
 * silently: while storage is unavailable (503, 504) the first lost row is logged as a warning and the rest
 * are counted, and the count is logged once rows are stored again; a row storage refuses for another reason
 * is logged on its own.
 */
public final class AuditWriter {

  private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);

  private final StorageClient storage;
  /** Rows lost in the current outage; zero while rows are being stored. */
  private final AtomicLong lostInOutage = new AtomicLong();

  public AuditWriter(StorageClient storage) {
    this.storage = storage;
  }

  /** Sends one row (the JSON of {@link StorageAddresses#AUDIT_APPEND}); returns at once. */
  public void write(JsonObject row) {
    String requestId = row.getString("request_id");
    storage.ask(StorageAddresses.AUDIT_APPEND, row, requestId)
        .onSuccess(stored -> recovered())
        .onFailure(failure -> lost(row, requestId, Problem.of(failure)));
  }

  private void recovered() {
    long lost = lostInOutage.getAndSet(0);
    if (lost > 0) {
      log.warn("audit log is stored again; {} audit row(s) were lost while storage was unavailable", lost);
    }
  }

  private void lost(JsonObject row, String requestId, Problem problem) {
    String action = row.getString("action");
    if (problem.status() != 503 && problem.status() != 504) {
      log.warn("[{}] audit row {} was refused by storage and is lost: {} {}", requestId, action,
          problem.status(), problem.detail());
      return;
    }
    if (lostInOutage.getAndIncrement() == 0) {
      log.warn("[{}] audit row {} is lost: storage is unavailable ({}); requests go on, and the rows lost until "
          + "it is back are counted", requestId, action, problem.detail());
    } else {
      log.debug("[{}] audit row {} is lost: storage is still unavailable", requestId, action);
    }
  }
}
