package ai.sutazai.storage.audit;

import java.util.Locale;
import java.util.Optional;

/** How an audited action ended: done, refused for want of a valid credential or role, or failed otherwise. */
public enum AuditOutcome {
  SUCCESS,
  DENIED,
  FAILURE;

  /** The name stored in {@code audit_log.outcome} and used on the event bus. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AuditOutcome> fromWire(String name) {
    for (AuditOutcome outcome : values()) {
      if (outcome.wireName().equals(name)) {
        return Optional.of(outcome);
      }
    }
    return Optional.empty();
  }
}
