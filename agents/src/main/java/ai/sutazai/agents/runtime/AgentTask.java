package ai.sutazai.agents.runtime;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A task as an agent's behaviour sees it while one attempt runs.
 *
 * @param inputs   the results of the tasks it depends on: each task id to {@code {"type", "result"}}, empty when it
 *                 depends on none
 * @param priority 1..10, as the task was created
 * @param attempt  this attempt's number, from 1
 */
public record AgentTask(String id, String type, JsonObject payload, int priority, String owner, String workflow,
    JsonObject inputs, int attempt, int maxAttempts) {

  public AgentTask {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    payload = payload == null ? new JsonObject() : payload;
    inputs = inputs == null ? new JsonObject() : inputs;
  }

  /** Whether this task is a step of a workflow plan: its payload is {@code {"goal", "step", "instruction"}}. */
  public boolean isWorkflowStep() {
    return workflow != null && payload.getValue("step") instanceof String
        && payload.getValue("instruction") instanceof String;
  }

  /** The text of a task's result: its {@code answer} when it has one, else the whole result as JSON. */
  public static String textOf(JsonObject result) {
    if (result == null) {
      return "";
    }
    Object answer = result.getValue("answer");
    return answer instanceof String text ? text : result.encodePrettily();
  }
}
