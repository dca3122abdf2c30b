package ai.sutazai.agents.workflow;

import ai.sutazai.verticles.agents.AgentCatalogue;
import ai.sutazai.verticles.agents.AgentCatalogueLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The catalogue a plan is made with: the agents running now, without the workflow's own task types among their
 * capabilities (a step never plans or combines a workflow).
 */
final class PlanningCatalogue {

  private PlanningCatalogue() {
  }

  /**
   * @param definitions the running agents in the catalogue's format
   * @throws IllegalStateException when no running agent takes a task type a step could name
   */
  static AgentCatalogue of(JsonArray definitions) {
    JsonArray agents = new JsonArray();
    for (Object entry : definitions) {
      JsonObject agent = ((JsonObject) entry).copy();
      JsonArray capabilities = new JsonArray();
      agent.getJsonArray("capabilities").stream()
          .filter(capability -> !WorkflowTasks.TYPES.contains(capability))
          .forEach(capabilities::add);
      if (!capabilities.isEmpty()) {
        agents.add(agent.put("capabilities", capabilities));
      }
    }
    if (agents.isEmpty()) {
      throw new IllegalStateException("no running agent takes a task type a plan's step could name");
    }
    return AgentCatalogueLoader.parse(new JsonObject().put("agents", agents).encode())
        .orElseThrow("the running agents");
  }
}
