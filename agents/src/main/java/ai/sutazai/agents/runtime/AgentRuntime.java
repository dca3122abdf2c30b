package ai.sutazai.agents.runtime;

import ai.sutazai.verticles.agents.AgentActivity;
import ai.sutazai.verticles.agents.AgentDefinition;
import ai.sutazai.verticles.inference.client.InferenceClient;
import io.vertx.core.Vertx;

/**
 * What one copy of an agent works with while it is deployed: its definition and behaviour, the model it asks, the
 * services it calls and where it reports.
 *
 * @param modelName the Ollama model the agent's definition resolves to
 */
record AgentRuntime(Vertx vertx, AgentDefinition agent, AgentBehaviour behaviour, String modelName, TaskStore tasks,
    AgentDirectory directory, InferenceClient inference, AgentResponseCache cache, AgentMeters meters,
    AgentActivity activity) {
}
