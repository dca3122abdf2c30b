package ai.sutazai.storage.audit;

/**
 * Every SQL statement of the audit log, in one place. A listing is one statement whose absent filters are
 * bound as NULL and match everything, so that one prepared statement serves every combination.
 */
final class AuditSql {

  static final String COLUMNS = "id, at, subject, role, action, target, outcome, request_id, client_address, detail";

  static final String INSERT = "INSERT INTO audit_log (at, subject, role, action, target, outcome, request_id,"
    + " client_address, detail) VALUES (coalesce($1, now()), $2, $3, $4, $5, $6, $7, $8, $9) RETURNING " + COLUMNS;

  /** Newest first; $6 and $7 are the cursor (the last row of the previous page), $8 the page size. */
  static final String PAGE = "SELECT " + COLUMNS + " FROM audit_log"
    + " WHERE ($1::text IS NULL OR subject = $1)"
    + " AND ($2::text IS NULL OR action = $2)"
    + " AND ($3::text IS NULL OR outcome = $3)"
    + " AND ($4::timestamptz IS NULL OR at >= $4)"
    + " AND ($5::timestamptz IS NULL OR at < $5)"
    + " AND ($6::timestamptz IS NULL OR (at, id) < ($6, $7::bigint))"
    + " ORDER BY at DESC, id DESC LIMIT $8";

  private AuditSql() {
  }
}
