package ai.sutazai.storage.task;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * A task to store: its id (chosen by the caller, so that workflow steps can name each other before they are
 * stored), who asked, what and how urgently (1..10), and optionally the agent it is routed to, the task it is a
 * step of, its workflow and the tasks that must complete before it is published.
 */
public record NewTask(UUID id, String owner, String type, JsonObject payload, int priority, String agent,
    UUID parent, UUID workflow, List<UUID> dependsOn) {

  public NewTask {
    dependsOn = List.copyOf(dependsOn);
  }

  /** A task with no agent chosen yet, no parent, workflow or dependencies. */
  public static NewTask of(String owner, String type, JsonObject payload, int priority) {
    return new NewTask(UUID.randomUUID(), owner, type, payload, priority, null, null, null, List.of());
  }
}
