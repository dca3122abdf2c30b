package ai.sutazai.agents.runtime;

import ai.sutazai.agents.model.ModelCall;
import ai.sutazai.verticles.agents.AgentDefinition;
import java.util.function.BooleanSupplier;

/**
 * What a behaviour may use while it performs one attempt: the agent it runs as, the agent's model (bound to the
 * task's priority and deadline, aborted when the task is cancelled or times out), the task store and the agent
 * directory.
 *
 * @param modelName the Ollama model {@code model} asks
 * @param ended     whether the attempt has ended (timed out, cancelled, given back): a behaviour that changes other
 *                  tasks checks it before each change, so that an abandoned attempt changes nothing more
 */
public record AgentTools(AgentDefinition agent, ModelCall model, String modelName, TaskStore tasks,
    AgentDirectory directory, BooleanSupplier ended) {
}
