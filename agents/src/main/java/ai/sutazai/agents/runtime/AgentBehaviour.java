package ai.sutazai.agents.runtime;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * What an agent does with a task: one attempt in, the task's result out. It runs on the agent's worker context;
 * a failed future fails the attempt (retried while attempts are left, unless {@link AttemptFailures} says a retry
 * cannot help).
 */
public interface AgentBehaviour {

  Future<JsonObject> perform(AgentTask task, AgentTools tools);

  /**
   * Whether the result of {@code task} may be answered from, and kept in, the agent response cache: only for work
   * that has no effect but its answer.
   */
  boolean cacheable(AgentTask task);
}
