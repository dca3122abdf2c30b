package ai.sutazai.agents.behaviour;

import ai.sutazai.agents.backend.SeniorBackendDeveloper;
import ai.sutazai.agents.runtime.AgentBehaviour;
import ai.sutazai.agents.runtime.AgentTask;
import ai.sutazai.agents.runtime.AgentTools;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The behaviour of {@code senior-backend-developer}: its own logic ({@link SeniorBackendDeveloper}) per attempt. A
 * workflow step carries an instruction rather than the payload its task type takes: an {@code api_design} step
 * becomes a design request whose requirements are the instruction and the goal, with the results of the steps it
 * depends on as context; any other step (a review with no code of its own, say) is a prompt task.
 */
public final class BackendDeveloperAgent implements AgentBehaviour {

  /** The catalogue name of the agent this behaviour serves. */
  public static final String NAME = "senior-backend-developer";
  private static final String API_DESIGN = "api_design";

  private final PromptAgent prompt = new PromptAgent();

  @Override
  public Future<JsonObject> perform(AgentTask task, AgentTools tools) {
    SeniorBackendDeveloper developer = new SeniorBackendDeveloper(tools.agent(), tools.model());
    if (!task.isWorkflowStep()) {
      return developer.handle(task.type(), task.payload());
    }
    return API_DESIGN.equals(task.type()) ? developer.handle(API_DESIGN, designRequestOf(task))
        : prompt.perform(task, tools);
  }

  private static JsonObject designRequestOf(AgentTask task) {
    JsonObject design = new JsonObject().put("requirements", task.payload().getString("instruction")
        + "\n\nThe goal this serves: " + task.payload().getString("goal", ""));
    if (!task.inputs().isEmpty()) {
      JsonObject context = new JsonObject();
      task.inputs().forEach(input -> context.put(input.getKey(),
          AgentTask.textOf(((JsonObject) input.getValue()).getJsonObject("result"))));
      design.put("context", context);
    }
    return design;
  }

  @Override
  public boolean cacheable(AgentTask task) {
    return true;
  }
}
