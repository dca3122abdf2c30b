package ai.sutazai.storage.task;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One stored task: what was asked ({@code type}, {@code payload}) by whom, which agent takes it, where it is in
 * its life and how it ended. {@code agent}, {@code result}, {@code error}, the parent and workflow ids and the
 * times after {@code createdAt} are null until they apply.
 */
public record Task(UUID id, String owner, String type, JsonObject payload, int priority, String agent,
    TaskStatus status, int attempts, JsonObject result, String error, UUID parent, UUID workflow,
    List<UUID> dependsOn, OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime startedAt,
    OffsetDateTime completedAt, OffsetDateTime publishedAt, OffsetDateTime cancelRequestedAt) {

  public Task {
    dependsOn = List.copyOf(dependsOn);
  }

  /** The task as every task address replies it; absent values are null. */
  public JsonObject toJson() {
    JsonArray dependencies = new JsonArray();
    dependsOn.forEach(dependency -> dependencies.add(dependency.toString()));
    return new JsonObject()
      .put("id", id.toString())
      .put("owner", owner)
      .put("type", type)
      .put("payload", payload)
      .put("priority", priority)
      .put("agent", agent)
      .put("status", status.wireName())
      .put("attempts", attempts)
      .put("result", result)
      .put("error", error)
      .put("parent", text(parent))
      .put("workflow", text(workflow))
      .put("depends_on", dependencies)
      .put("cancel_requested", cancelRequestedAt != null)
      .put("created_at", text(createdAt))
      .put("updated_at", text(updatedAt))
      .put("started_at", text(startedAt))
      .put("completed_at", text(completedAt))
      .put("published_at", text(publishedAt))
      .put("cancel_requested_at", text(cancelRequestedAt));
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
