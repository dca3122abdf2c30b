package ai.sutazai.storage.taskbus;

import ai.sutazai.verticles.bus.ServiceRequests;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;

/**
 * The task bus's view of the task record: it reads and changes tasks through the task addresses, as the agent
 * runtime does, so that every change it makes is checked, recorded and announced the same way. Failures are
 * problems ({@link Problem#of}): 404 unknown task, 409 a change its status does not allow, 503 PostgreSQL down.
 */
final class TaskRecords {

  static final String REQUEST_ID = "task-bus";
  private static final long TIMEOUT_MS = 30_000;
  private static final int MAX_ERROR_CHARS = 10_000;

  private final ServiceRequests requests;

  TaskRecords(Vertx vertx) {
    this.requests = new ServiceRequests(vertx, null);
  }

  /** The oldest {@code limit} tasks of the outbox, of {@code agents} only when not null. */
  Future<JsonArray> outbox(int limit, Collection<String> agents) {
    JsonObject request = new JsonObject().put("limit", limit);
    if (agents != null) {
      request.put("agents", new JsonArray(List.copyOf(agents)));
    }
    return ask(StorageAddresses.TASK_OUTBOX, request)
        .map(reply -> reply.getJsonArray("tasks"));
  }

  /** Notes that the task bus holds task {@code id}; answers the task as it is now. */
  Future<JsonObject> published(String id) {
    return ask(StorageAddresses.TASK_PUBLISHED, new JsonObject().put("id", id))
        .map(reply -> reply.getJsonObject("task"));
  }

  Future<JsonObject> get(String id) {
    return ask(StorageAddresses.TASK_GET, new JsonObject().put("id", id));
  }

  /** Moves task {@code id} to {@code status} with {@code error} and {@code detail} (either may be null). */
  Future<JsonObject> transition(String id, String status, String error, JsonObject detail) {
    JsonObject body = new JsonObject().put("id", id).put("status", status);
    if (error != null) {
      body.put("error", error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error);
    }
    if (detail != null) {
      body.put("detail", detail);
    }
    return ask(StorageAddresses.TASK_TRANSITION, body);
  }

  /** Whether {@code failure} says the task is unknown or its status refused the change: nothing more to do. */
  static boolean settledAlready(Throwable failure) {
    int status = Problem.of(failure).status();
    return status == 404 || status == 409;
  }

  private Future<JsonObject> ask(String address, JsonObject body) {
    return requests.ask(address, body, REQUEST_ID, TIMEOUT_MS);
  }
}
