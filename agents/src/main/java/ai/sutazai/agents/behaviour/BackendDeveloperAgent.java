package ai.sutazai.agents.behaviour;

import ai.sutazai.agents.backend.SeniorBackendDeveloper;
import ai.sutazai.agents.runtime.AgentBehaviour;
import ai.sutazai.agents.runtime.AgentTask;
import ai.sutazai.agents.runtime.AgentTools;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The behaviour of {@code senior-backend-developer}: its own logic ({@link SeniorBackendDeveloper}) per attempt. */
public final class BackendDeveloperAgent implements AgentBehaviour {

  /** The catalogue name of the agent this behaviour serves. */
  public static final String NAME = "senior-backend-developer";

  @Override
  public Future<JsonObject> perform(AgentTask task, AgentTools tools) {
    return new SeniorBackendDeveloper(tools.agent(), tools.model()).handle(task.type(), task.payload());
  }

  @Override
  public boolean cacheable(AgentTask task) {
    return true;
  }
}
