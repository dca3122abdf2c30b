package ai.sutazai.agents.backend;

import ai.sutazai.agents.model.ModelCall;
import ai.sutazai.verticles.agents.AgentDefinition;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The own logic of {@code senior-backend-developer} (ag-007): {@code api_design} answers a validated
 * OpenAPI 3 document, {@code code_review} checks syntax before it asks the model, and the agent's
 * other capabilities go to the model with its system prompt. Parsing is CPU-bound: the runtime
 * calls {@link #handle} on the agent's worker thread.
 */
public final class SeniorBackendDeveloper {

  private final AgentDefinition agent;
  private final ModelCall model;
  private final ApiDesignTask apiDesign;
  private final CodeReviewTask codeReview;

  public SeniorBackendDeveloper(AgentDefinition agent, ModelCall model) {
    this.agent = agent;
    this.model = model;
    this.apiDesign = new ApiDesignTask(agent.systemPrompt(), model);
    this.codeReview = new CodeReviewTask(agent.systemPrompt(), model);
  }

  /**
   * Runs one task; the future fails with an {@code invalid-request} problem for a payload of the
   * wrong shape or a task type the agent does not take, and with {@link InvalidModelAnswerException}
   * when the model's answer stays unusable.
   */
  public Future<JsonObject> handle(String taskType, JsonObject payload) {
    try {
      if (!agent.can(taskType)) {
        throw PayloadReader.refusal(agent.name() + " does not take tasks of type '" + taskType
            + "'; it takes " + agent.capabilities());
      }
      return switch (taskType) {
        case ApiDesignRequest.TASK_TYPE -> apiDesign.run(payload);
        case CodeReviewRequest.TASK_TYPE -> codeReview.run(payload);
        default -> otherTask(taskType, payload);
      };
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<JsonObject> otherTask(String taskType, JsonObject payload) {
    if (payload == null) {
      throw PayloadReader.refusal(taskType + " needs a JSON object payload");
    }
    return model.chat(BackendPrompts.otherTask(agent.systemPrompt(), taskType, payload))
        .map(answer -> new JsonObject().put("answer", answer));
  }
}
