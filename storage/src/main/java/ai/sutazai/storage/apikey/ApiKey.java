package ai.sutazai.storage.apikey;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored API key as anyone may see it again: everything but the key and its hash. */
public record ApiKey(UUID id, String name, String prefix, String owner, String role, OffsetDateTime createdAt,
    OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {

  public boolean revoked() {
    return revokedAt != null;
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("id", id.toString())
      .put("name", name)
      .put("role", role)
      .put("prefix", prefix)
      .put("owner", owner)
      .put("created_at", text(createdAt))
      .put("last_used_at", text(lastUsedAt))
      .put("revoked_at", text(revokedAt));
  }

  private static String text(OffsetDateTime time) {
    return time == null ? null : time.toString();
  }
}
