package ai.sutazai.storage.task;

import io.vertx.core.json.JsonObject;

/**
 * A status change the agent runtime asks for: the new status, and what goes with it. {@code result} is kept when
 * the task completes; {@code error} replaces the task's error (a failed attempt, the reason it is dead);
 * {@code agent} names the agent that took the task; {@code detail} is added to the recorded event (for example the
 * broker's {@code x-death} reason). Each is null when it does not apply.
 */
public record TaskChange(TaskStatus status, JsonObject result, String error, String agent, JsonObject detail) {

  public static TaskChange to(TaskStatus status) {
    return new TaskChange(status, null, null, null, null);
  }

  public TaskChange withResult(JsonObject result) {
    return new TaskChange(status, result, error, agent, detail);
  }

  public TaskChange withError(String error) {
    return new TaskChange(status, result, error, agent, detail);
  }

  public TaskChange withAgent(String agent) {
    return new TaskChange(status, result, error, agent, detail);
  }

  public TaskChange withDetail(JsonObject detail) {
    return new TaskChange(status, result, error, agent, detail);
  }
}
