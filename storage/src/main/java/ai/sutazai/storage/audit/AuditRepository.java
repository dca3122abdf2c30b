package ai.sutazai.storage.audit;

import static ai.sutazai.storage.audit.AuditSql.INSERT;
import static ai.sutazai.storage.audit.AuditSql.PAGE;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Appends audit rows to PostgreSQL's {@code audit_log} and lists them newest first, with prepared statements
 * only. Rows are never changed or deleted here. Validation of sizes and names is the caller's job.
 */
public final class AuditRepository {

  private final Pool pool;

  public AuditRepository(Pool pool) {
    this.pool = pool;
  }

  /** Stores {@code entry} (its id ignored; a null time means now) and answers it as stored. */
  public Future<AuditEntry> append(AuditEntry entry) {
    return pool.preparedQuery(INSERT).execute(Tuple.from(new Object[] {entry.at(), entry.subject(), entry.role(),
        entry.action(), entry.target(), entry.outcome().wireName(), entry.requestId(), entry.clientAddress(),
        entry.detail()}))
      .map(rows -> toEntry(rows.iterator().next()));
  }

  /** One page of the rows {@code filter} matches, newest first, after {@code after} (null: the top). */
  public Future<AuditPage> page(AuditFilter filter, AuditCursor after, int limit) {
    if (limit < 1) {
      return Future.failedFuture(new IllegalArgumentException("Page limit must be at least 1, got " + limit));
    }
    Tuple parameters = Tuple.from(new Object[] {filter.subject(), filter.action(),
      filter.outcome() == null ? null : filter.outcome().wireName(), filter.since(), filter.until(),
      after == null ? null : after.at(), after == null ? null : after.id(), limit + 1});
    return pool.preparedQuery(PAGE).execute(parameters).map(set -> {
      List<AuditEntry> items = new ArrayList<>();
      set.forEach(row -> items.add(toEntry(row)));
      if (items.size() <= limit) {
        return new AuditPage(items, Optional.empty());
      }
      List<AuditEntry> page = items.subList(0, limit);
      return new AuditPage(page, Optional.of(AuditCursor.after(page.get(limit - 1)).encode()));
    });
  }

  private static AuditEntry toEntry(Row row) {
    Object detail = row.getValue("detail");
    return new AuditEntry(row.getLong("id"), row.getOffsetDateTime("at"), row.getString("subject"),
      row.getString("role"), row.getString("action"), row.getString("target"),
      outcome(row.getString("outcome")), row.getString("request_id"),
      row.getString("client_address"), detail instanceof JsonObject json ? json : null);
  }

  private static AuditOutcome outcome(String stored) {
    return AuditOutcome.fromWire(stored)
      .orElseThrow(() -> new IllegalStateException("audit_log holds an unknown outcome '" + stored + "'"));
  }
}
