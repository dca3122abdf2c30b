package ai.sutazai.agents.workflow;

import ai.sutazai.agents.behaviour.PromptAgent;
import ai.sutazai.agents.runtime.AgentBehaviour;
import ai.sutazai.agents.runtime.AgentTask;
import ai.sutazai.agents.runtime.AgentTools;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The behaviour of {@code agentzero-coordinator}: {@link WorkflowTasks#PLAN} asks for a plan with the agents
 * running now and creates its tasks ({@link StepTasks}); {@link WorkflowTasks#COMBINE} combines the steps'
 * results, which arrive as the combine task's inputs, into one answer; any other type is a prompt task. A plan
 * refused twice fails with {@link PlanRefusedException}, which the runtime does not retry.
 */
public final class CoordinatorAgent implements AgentBehaviour {

  /** The catalogue name of the agent this behaviour serves. */
  public static final String NAME = "agentzero-coordinator";

  private static final Set<String> FINISHED = Set.of("completed", "failed", "dead", "cancelled");

  private final PromptAgent prompt = new PromptAgent();

  @Override
  public Future<JsonObject> perform(AgentTask task, AgentTools tools) {
    return switch (task.type()) {
      case WorkflowTasks.PLAN -> plan(task, tools);
      case WorkflowTasks.COMBINE -> combine(task, tools);
      default -> prompt.perform(task, tools);
    };
  }

  /** Plans and combines create and read tasks: never answered from the cache. */
  @Override
  public boolean cacheable(AgentTask task) {
    return !WorkflowTasks.TYPES.contains(task.type());
  }

  private Future<JsonObject> plan(AgentTask task, AgentTools tools) {
    String goal = goalOf(task);
    return cancelEarlierSteps(task, tools)
        .compose(v -> tools.directory().runningDefinitions(task.id()))
        .map(PlanningCatalogue::of)
        .compose(catalogue -> new PlanMaker(tools.agent(), catalogue, tools.model()).make(goal))
        .compose(plan -> new StepTasks(tools, task, goal).create(plan));
  }

  /**
   * An earlier attempt of this plan task may have created some of its steps before it failed: those still
   * unfinished are cancelled (their dependents with them) before planning again, so a workflow runs one plan.
   */
  private static Future<Void> cancelEarlierSteps(AgentTask task, AgentTools tools) {
    return tools.tasks().workflowTasks(task.id(), null).compose(tasks -> {
      List<Future<JsonObject>> cancels = tasks.stream()
          .map(JsonObject.class::cast)
          .filter(step -> task.id().equals(step.getString("parent")))
          .filter(step -> !FINISHED.contains(step.getString("status")))
          .map(step -> tools.tasks().cancel(step.getString("id"))
              .recover(failure -> finishedMeanwhile(failure) ? Future.succeededFuture() : Future.failedFuture(failure)))
          .toList();
      return Future.all(cancels).mapEmpty();
    });
  }

  /** A 409 to a cancel: the step finished between the listing and the cancel, which is as good. */
  private static boolean finishedMeanwhile(Throwable failure) {
    return Problem.of(failure).status() == ProblemType.CONFLICT.status();
  }

  private Future<JsonObject> combine(AgentTask task, AgentTools tools) {
    String goal = goalOf(task);
    WorkflowPlan plan;
    try {
      plan = WorkflowPlan.fromJson(task.payload().getJsonObject("plan"));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw refusal(WorkflowTasks.COMBINE + " payload needs 'plan', the workflow's plan: " + e.getMessage());
    }
    JsonObject steps = objectField(task, "steps");
    Map<String, String> results = new LinkedHashMap<>();
    for (PlanStep step : plan.steps()) {
      Object taskId = steps.getValue(step.id());
      JsonObject input = taskId instanceof String id ? task.inputs().getJsonObject(id) : null;
      if (input == null) {
        throw refusal(WorkflowTasks.COMBINE + " has no result of step " + step.id() + " (task " + taskId
            + "); it must depend on every step's task");
      }
      results.put(step.id(), AgentTask.textOf(input.getJsonObject("result")));
    }
    return tools.model().chat(new CombineRequest(tools.agent(), goal, plan, results).messages())
        .map(answer -> new JsonObject().put("answer", answer));
  }

  private static String goalOf(AgentTask task) {
    Object goal = task.payload().getValue("goal");
    if (goal instanceof String text && !text.isBlank()) {
      return text;
    }
    throw refusal(task.type() + " payload needs 'goal', a non-empty string");
  }

  private static JsonObject objectField(AgentTask task, String field) {
    Object value = task.payload().getValue(field);
    if (value instanceof JsonObject object) {
      return object;
    }
    throw refusal(task.type() + " payload needs '" + field + "', an object");
  }

  private static RuntimeException refusal(String detail) {
    return ProblemType.INVALID_REQUEST.problem(detail).asException();
  }
}
