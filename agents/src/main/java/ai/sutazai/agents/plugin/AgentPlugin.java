package ai.sutazai.agents.plugin;

import ai.sutazai.agents.model.ModelCall;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The code of an agent that names {@code class} and {@code jar} in the catalogue. A plugin jar under
 * {@code plugins.dir} holds a public class with a public no-argument constructor that implements this interface;
 * each deployment of the agent loads it through a class loader of its own, so a replaced jar is picked up by the
 * next deployment. One instance serves every task of one copy of the agent, on that copy's worker thread, so
 * {@link #perform} may block briefly but should return a future for anything slow.
 */
public interface AgentPlugin {

  /**
   * Performs one attempt of {@code task}. The result becomes the task's result; a failed future (or an exception)
   * fails the attempt, which is retried while attempts are left.
   *
   * @param model the agent's model, bound to the task's priority and timeout; aborted when the task is cancelled
   */
  Future<JsonObject> perform(PluginTask task, ModelCall model);
}
