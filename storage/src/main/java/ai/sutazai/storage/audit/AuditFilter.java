package ai.sutazai.storage.audit;

import java.time.OffsetDateTime;

/**
 * Which audit rows a listing returns; every null field matches everything.
 *
 * @param since the earliest time included
 * @param until the first time excluded
 */
public record AuditFilter(String subject, String action, AuditOutcome outcome, OffsetDateTime since,
    OffsetDateTime until) {

  /** Every row. */
  public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null);
}
