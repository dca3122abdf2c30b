package ai.sutazai.agents.workflow;

import ai.sutazai.agents.model.ChatMessage;
import ai.sutazai.agents.model.ModelCall;
import ai.sutazai.verticles.agents.AgentCatalogue;
import ai.sutazai.verticles.agents.AgentDefinition;
import io.vertx.core.Future;
import java.util.List;

/**
 * Asks the coordinator for a plan for a goal and checks it; a refused answer is sent back once with
 * its problems, and a second refused answer fails with a {@link PlanRefusedException} listing them.
 */
public final class PlanMaker {

  /** The first answer and the one retry. */
  static final int ATTEMPTS = 2;

  private final AgentDefinition coordinator;
  private final AgentCatalogue catalogue;
  private final WorkflowPlanReader reader;
  private final ModelCall model;

  public PlanMaker(AgentDefinition coordinator, AgentCatalogue catalogue, ModelCall model) {
    this.coordinator = coordinator;
    this.catalogue = catalogue;
    this.reader = new WorkflowPlanReader(catalogue);
    this.model = model;
  }

  /** A valid plan for {@code goal}; a failed model call fails the future with that call's failure. */
  public Future<WorkflowPlan> make(String goal) {
    PlanRequest request = new PlanRequest(coordinator, catalogue, goal);
    return ask(request, request.messages(), 1);
  }

  private Future<WorkflowPlan> ask(PlanRequest request, List<ChatMessage> messages, int attempt) {
    return model.chat(messages).compose(reply -> {
      PlanReading reading = reader.read(reply);
      if (reading.isValid()) {
        return Future.succeededFuture(reading.plan());
      }
      if (attempt == ATTEMPTS) {
        return Future.failedFuture(new PlanRefusedException(attempt, reading));
      }
      return ask(request, request.retry(messages, reply, reading), attempt + 1);
    });
  }
}
