package ai.sutazai.storage.audit;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * One row of the audit log: who did what to which target, with what outcome, and where the request came from.
 * Only {@code at}, {@code action} and {@code outcome} are always present; {@code id} is null before it is stored.
 */
public record AuditEntry(Long id, OffsetDateTime at, String subject, String role, String action, String target,
    AuditOutcome outcome, String requestId, String clientAddress, JsonObject detail) {

  /** The entry as {@link ai.sutazai.verticles.storage.StorageAddresses#AUDIT_LIST} lists it; absent values are null. */
  public JsonObject toJson() {
    return new JsonObject()
      .put("id", id)
      .put("at", at.toString())
      .put("subject", subject)
      .put("role", role)
      .put("action", action)
      .put("target", target)
      .put("outcome", outcome.wireName())
      .put("request_id", requestId)
      .put("client_address", clientAddress)
      .put("detail", detail);
  }
}
