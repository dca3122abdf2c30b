package ai.sutazai.storage.audit;

import java.util.List;
import java.util.Optional;

/** One page of audit rows, newest first, and the opaque cursor of the next page when there is one. */
public record AuditPage(List<AuditEntry> items, Optional<String> nextCursor) {

  public AuditPage {
    items = List.copyOf(items);
  }
}
