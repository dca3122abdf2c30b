package ai.sutazai.agents.runtime;

import ai.sutazai.agents.model.ModelCall;
import ai.sutazai.verticles.agents.AgentDefinition;

/**
 * What a behaviour may use while it performs one attempt: the agent it runs as, the agent's model (bound to the
 * task's priority and deadline, aborted when the task is cancelled or times out), the task store and the agent
 * directory.
 *
 * @param modelName the Ollama model {@code model} asks
 */
public record AgentTools(AgentDefinition agent, ModelCall model, String modelName, TaskStore tasks,
    AgentDirectory directory) {
}
