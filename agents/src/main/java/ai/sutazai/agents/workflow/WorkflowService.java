package ai.sutazai.agents.workflow;

import ai.sutazai.agents.runtime.AgentDirectory;
import ai.sutazai.agents.runtime.TaskStore;
import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.agents.TaskPriority;
import ai.sutazai.verticles.bus.BusMessages;
import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Serves {@link AgentAddresses#WORKFLOW_START} and {@link AgentAddresses#WORKFLOW_GET}: a workflow is its plan
 * task (whose id is the workflow's id) and the tasks the coordinator creates for it; starting one stores the plan
 * task for the coordinator, reading one gathers its tasks into {@link WorkflowView}. Deployed once, on an event
 * loop.
 */
public final class WorkflowService extends VerticleBase {

  static final int MAX_GOAL_CHARS = 20_000;
  static final int MAX_OWNER_CHARS = 200;

  private TaskStore tasks;
  private AgentDirectory directory;

  @Override
  public Future<?> start() {
    tasks = new TaskStore(vertx);
    directory = new AgentDirectory(vertx);
    MessageConsumer<Object> start = vertx.eventBus().consumer(AgentAddresses.WORKFLOW_START, this::startWorkflow);
    MessageConsumer<Object> get = vertx.eventBus().consumer(AgentAddresses.WORKFLOW_GET, this::getWorkflow);
    return Future.all(start.completion(), get.completion());
  }

  private void startWorkflow(Message<Object> message) {
    JsonObject body = BusMessages.jsonBody(message);
    if (body == null) {
      return;
    }
    String owner;
    String goal;
    int priority;
    try {
      owner = requiredText(body, "owner", MAX_OWNER_CHARS);
      goal = requiredText(body, "goal", MAX_GOAL_CHARS);
      priority = priority(body);
    } catch (ProblemException e) {
      BusMessages.fail(message, e.problem());
      return;
    }
    String id = UUID.randomUUID().toString();
    directory.route(WorkflowTasks.PLAN, id)
        .compose(coordinator -> tasks.create(new JsonObject()
            .put("id", id)
            .put("workflow", id)
            .put("owner", owner)
            .put("type", WorkflowTasks.PLAN)
            .put("agent", coordinator)
            .put("priority", priority)
            .put("payload", new JsonObject().put("goal", goal))))
        .onSuccess(task -> message.reply(new JsonObject().put("id", id).put("status", "planning")))
        .onFailure(failure -> BusMessages.fail(message, failure));
  }

  private void getWorkflow(Message<Object> message) {
    JsonObject body = BusMessages.jsonBody(message);
    if (body == null) {
      return;
    }
    String id = BusMessages.requiredString(message, body, "id");
    if (id == null) {
      return;
    }
    Object owner = body.getValue("owner");
    if (owner != null && !(owner instanceof String)) {
      BusMessages.fail(message, ProblemType.INVALID_REQUEST.problem("'owner' must be a string"));
      return;
    }
    tasks.get(id, (String) owner)
        .compose(plan -> {
          if (!WorkflowTasks.PLAN.equals(plan.getString("type")) || !id.equals(plan.getString("workflow"))) {
            return Future.failedFuture(ProblemType.NOT_FOUND.problem("no workflow has id " + id).asException());
          }
          return tasks.workflowTasks(id, (String) owner).map(all -> WorkflowView.of(plan, all));
        })
        .onSuccess(message::reply)
        .onFailure(failure -> BusMessages.fail(message, failure));
  }

  private static String requiredText(JsonObject body, String field, int maxChars) {
    Object value = body.getValue(field);
    if (!(value instanceof String text) || text.isBlank()) {
      throw invalid("'" + field + "' must be a non-empty string");
    }
    if (text.length() > maxChars) {
      throw invalid("'" + field + "' has " + text.length() + " characters; at most " + maxChars + " are accepted");
    }
    return text;
  }

  private static int priority(JsonObject body) {
    Object value = body.getValue("priority");
    if (value == null) {
      return TaskPriority.DEFAULT;
    }
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
        && number.longValue() >= TaskPriority.LOWEST && number.longValue() <= TaskPriority.HIGHEST) {
      return number.intValue();
    }
    throw invalid("'priority' must be a whole number from " + TaskPriority.LOWEST + " to " + TaskPriority.HIGHEST
        + ", got " + value);
  }

  private static ProblemException invalid(String detail) {
    return ProblemType.INVALID_REQUEST.problem(detail).asException();
  }
}
