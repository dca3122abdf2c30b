package ai.sutazai.agents.runtime;

import ai.sutazai.verticles.bus.ServiceRequests;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The task addresses of storage as the agent runtime uses them: every call carries the task id as its request id
 * and fails with a problem (404 unknown task, 409 a status change the task's status does not allow, 503 storage
 * unavailable).
 */
public final class TaskStore {

  /** How long one storage call may take. */
  static final long TIMEOUT_MS = 30_000;
  private static final int PAGE_SIZE = 100;

  private final ServiceRequests requests;

  public TaskStore(Vertx vertx) {
    this.requests = new ServiceRequests(vertx,
        ProblemType.STORAGE_UNAVAILABLE.problem("the storage service is not running"));
  }

  /** The task with {@code id}, of any owner. */
  public Future<JsonObject> get(String id) {
    return requests.ask(StorageAddresses.TASK_GET, new JsonObject().put("id", id), id, TIMEOUT_MS);
  }

  /** The task with {@code id} when {@code owner} owns it (any owner when null); 404 otherwise. */
  public Future<JsonObject> get(String id, String owner) {
    JsonObject body = new JsonObject().put("id", id);
    if (owner != null) {
      body.put("owner", owner);
    }
    return requests.ask(StorageAddresses.TASK_GET, body, id, TIMEOUT_MS);
  }

  /**
   * Moves task {@code id} to {@code status}; {@code fields} adds result, error or agent. Replies
   * {@code {"changed", "task"}}.
   */
  public Future<JsonObject> transition(String id, String status, JsonObject fields) {
    JsonObject body = fields.copy().put("id", id).put("status", status);
    return requests.ask(StorageAddresses.TASK_TRANSITION, body, id, TIMEOUT_MS);
  }

  /** Stores a new task as {@link StorageAddresses#TASK_CREATE} describes it; replies the task. */
  public Future<JsonObject> create(JsonObject task) {
    return requests.ask(StorageAddresses.TASK_CREATE, task, task.getString("id", "new-task"), TIMEOUT_MS);
  }

  /**
   * Cancels task {@code id} as {@link StorageAddresses#TASK_CANCEL} does (queued: cancelled; running: cancel
   * requested). Replies {@code {"outcome", "changed", "task"}}; 409 for a finished task.
   */
  public Future<JsonObject> cancel(String id) {
    return requests.ask(StorageAddresses.TASK_CANCEL, new JsonObject().put("id", id), id, TIMEOUT_MS);
  }

  /** Every task of workflow {@code workflow} (of {@code owner} when not null), reading all pages. */
  public Future<JsonArray> workflowTasks(String workflow, String owner) {
    JsonObject filter = new JsonObject().put("workflow", workflow).put("limit", PAGE_SIZE);
    if (owner != null) {
      filter.put("owner", owner);
    }
    return page(filter, workflow, new JsonArray());
  }

  private Future<JsonArray> page(JsonObject filter, String requestId, JsonArray gathered) {
    return requests.ask(StorageAddresses.TASK_LIST, filter, requestId, TIMEOUT_MS).compose(page -> {
      gathered.addAll(page.getJsonArray("tasks", new JsonArray()));
      String next = page.getString("next_cursor");
      return next == null ? Future.succeededFuture(gathered)
          : page(filter.copy().put("cursor", next), requestId, gathered);
    });
  }
}
