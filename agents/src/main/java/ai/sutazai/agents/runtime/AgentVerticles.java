package ai.sutazai.agents.runtime;

import ai.sutazai.agents.behaviour.BackendDeveloperAgent;
import ai.sutazai.agents.behaviour.PromptAgent;
import ai.sutazai.agents.plugin.PluginAgent;
import ai.sutazai.agents.workflow.CoordinatorAgent;
import ai.sutazai.verticles.agents.AgentActivity;
import ai.sutazai.verticles.agents.AgentDefinition;
import ai.sutazai.verticles.agents.AgentFactory;
import io.vertx.core.Deployable;

/**
 * The agent runtime's {@link AgentFactory}: an {@link AgentVerticle} whose behaviour is the agent's plugin when it
 * names one, the coordinator's or the senior backend developer's own logic for those two, and the prompt agent for
 * every other. Each verticle reads SutazAI's configuration (the {@code models.*} settings resolve model types)
 * from its deployment's config.
 */
public final class AgentVerticles implements AgentFactory {

  @Override
  public Deployable create(AgentDefinition agent, ClassLoader pluginCode, AgentActivity activity) {
    return new AgentVerticle(agent, AgentVerticles::behaviourOf, pluginCode, activity);
  }

  /** The behaviour of {@code agent}; loading a plugin fails with a message naming the agent, class and jar. */
  static AgentBehaviour behaviourOf(AgentDefinition agent, ClassLoader pluginCode) {
    if (agent.hasPlugin()) {
      return PluginAgent.load(agent, pluginCode);
    }
    return switch (agent.name()) {
      case CoordinatorAgent.NAME -> new CoordinatorAgent();
      case BackendDeveloperAgent.NAME -> new BackendDeveloperAgent();
      default -> new PromptAgent();
    };
  }
}
