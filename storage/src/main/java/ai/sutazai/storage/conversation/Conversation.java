package ai.sutazai.storage.conversation;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored conversation without its messages. */
public record Conversation(UUID id, String owner, String title, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  public JsonObject toJson() {
    return new JsonObject()
      .put("id", id.toString())
      .put("owner", owner)
      .put("title", title)
      .put("created_at", createdAt.toString())
      .put("updated_at", updatedAt.toString());
  }
}
