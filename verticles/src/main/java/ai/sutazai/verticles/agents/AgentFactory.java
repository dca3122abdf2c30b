package ai.sutazai.verticles.agents;

import io.vertx.core.Deployable;

/**
 * Makes the verticles that run agents; the agents module implements it and the launcher hands it to the
 * supervisor, which deploys what it makes as worker verticles, {@code instances} of them per agent.
 */
@FunctionalInterface
public interface AgentFactory {

  /**
   * One instance of the verticle running {@code agent}. It takes tasks at
   * {@link AgentAddresses#deliveries(String)} while deployed, holds at most {@code max_concurrent_tasks} at a
   * time, reports each to {@code activity}, and when undeployed stops taking tasks and finishes (or, after the
   * agent's timeout, returns) those it holds before its stop completes. Called on the supervisor's event loop:
   * load classes of the plugin code in the verticle's start, which runs on a worker thread.
   *
   * @param pluginCode the class loader of the agent's plugin jar, new for each deployment; null for an agent
   *                   without {@code class} and {@code jar}
   */
  Deployable create(AgentDefinition agent, ClassLoader pluginCode, AgentActivity activity);
}
