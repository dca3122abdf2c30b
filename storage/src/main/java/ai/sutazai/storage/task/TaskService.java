package ai.sutazai.storage.task;

import static ai.sutazai.storage.BusRequests.serve;

import ai.sutazai.storage.pg.ResilientPostgres;
import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The task addresses of {@link StorageAddresses} on the event bus: checks each request, runs it through
 * {@link TaskRepository} while PostgreSQL is up, and replies JSON or a problem (400 naming the field, 404 for a
 * task that does not exist or belongs to another owner, 409 for a status change the task's status does not allow,
 * 503 while PostgreSQL is down).
 */
public final class TaskService {

  private final ResilientPostgres postgres;
  private final TaskChangeListener listener;

  /** @param listener told of every change these addresses write, and of every cancel request */
  public TaskService(ResilientPostgres postgres, TaskChangeListener listener) {
    this.postgres = postgres;
    this.listener = listener;
  }

  /** The handler of each task address. */
  public Map<String, Handler<Message<Object>>> handlers() {
    return Map.of(
      StorageAddresses.TASK_CREATE, message -> serve(message, this::create),
      StorageAddresses.TASK_GET, message -> serve(message, this::get),
      StorageAddresses.TASK_LIST, message -> serve(message, this::list),
      StorageAddresses.TASK_TRANSITION, message -> serve(message, this::transition),
      StorageAddresses.TASK_CANCEL, message -> serve(message, this::cancel),
      StorageAddresses.TASK_EVENTS, message -> serve(message, this::events),
      StorageAddresses.TASK_OUTBOX, message -> serve(message, this::outbox),
      StorageAddresses.TASK_PUBLISHED, message -> serve(message, this::published));
  }

  private Future<JsonObject> create(JsonObject body) {
    NewTask task = TaskFields.newTask(body);
    return repository(repository -> repository.createRecorded(task)).map(created -> {
      created.recorded().forEach(listener::recorded);
      return created.task().toJson();
    });
  }

  private Future<JsonObject> get(JsonObject body) {
    UUID id = TaskFields.id(body);
    String owner = TaskFields.optionalOwner(body);
    return repository(repository -> repository.get(id, owner)).map(found -> found(found, id).toJson());
  }

  private Future<JsonObject> list(JsonObject body) {
    TaskFilter filter = TaskFields.filter(body);
    TaskCursor cursor = TaskFields.cursor(body);
    int limit = TaskFields.limit(body, TaskFields.DEFAULT_LIMIT, TaskFields.MAX_LIMIT);
    return repository(repository -> repository.page(filter, cursor, limit)).map(page -> new JsonObject()
      .put("tasks", array(page.items()))
      .put("next_cursor", page.nextCursor().orElse(null)));
  }

  private Future<JsonObject> transition(JsonObject body) {
    UUID id = TaskFields.id(body);
    TaskChange change = TaskFields.change(body);
    return repository(repository -> repository.transition(id, change))
      .map(done -> changeReply(told(found(done, id)), change.status()));
  }

  private Future<JsonObject> published(JsonObject body) {
    UUID id = TaskFields.id(body);
    return repository(repository -> repository.markPublished(id))
      .map(done -> changeReply(told(found(done, id)), TaskStatus.QUEUED));
  }

  private Future<JsonObject> cancel(JsonObject body) {
    UUID id = TaskFields.id(body);
    String owner = TaskFields.optionalOwner(body);
    return repository(repository -> repository.cancel(id, owner)).map(done -> {
      TaskTransition transition = told(found(done, id));
      if (transition.outcome() == TaskTransition.Outcome.REFUSED) {
        throw refused(transition.task(), TaskStatus.CANCELLED);
      }
      boolean requested = transition.outcome() == TaskTransition.Outcome.CANCEL_REQUESTED;
      return new JsonObject()
        .put("outcome", requested ? "cancel_requested" : "cancelled")
        .put("changed", transition.outcome() != TaskTransition.Outcome.UNCHANGED)
        .put("task", transition.task().toJson());
    });
  }

  private Future<JsonObject> events(JsonObject body) {
    UUID id = TaskFields.id(body);
    String owner = TaskFields.optionalOwner(body);
    long after = TaskFields.after(body);
    int limit = TaskFields.limit(body, TaskFields.DEFAULT_EVENTS_LIMIT, TaskFields.MAX_EVENTS_LIMIT);
    return repository(repository -> repository.history(id, owner, after, limit)).map(found -> {
      TaskHistory history = found(found, id);
      JsonArray events = new JsonArray();
      history.events().forEach(event -> events.add(event.toJson()));
      TaskStatus status = history.task().status();
      return new JsonObject()
        .put("status", status.wireName())
        .put("final", status.isFinal())
        .put("events", events);
    });
  }

  private Future<JsonObject> outbox(JsonObject body) {
    int limit = TaskFields.limit(body, TaskFields.DEFAULT_OUTBOX_LIMIT, TaskFields.MAX_OUTBOX_LIMIT);
    List<String> agents = TaskFields.optionalAgents(body);
    return repository(repository -> repository.outbox(limit, agents))
      .map(tasks -> new JsonObject().put("tasks", array(tasks)));
  }

  private TaskTransition told(TaskTransition transition) {
    transition.recorded().forEach(listener::recorded);
    return transition;
  }

  private static JsonObject changeReply(TaskTransition transition, TaskStatus target) {
    if (transition.outcome() == TaskTransition.Outcome.REFUSED) {
      throw refused(transition.task(), target);
    }
    return new JsonObject()
      .put("changed", transition.changed())
      .put("task", transition.task().toJson());
  }

  private static JsonArray array(List<Task> tasks) {
    JsonArray array = new JsonArray();
    tasks.forEach(task -> array.add(task.toJson()));
    return array;
  }

  private static <T> T found(Optional<T> found, UUID id) {
    return found.orElseThrow(() -> ProblemType.NOT_FOUND.problem("no task has id " + id).asException());
  }

  private static ProblemException refused(Task task, TaskStatus target) {
    return ProblemType.CONFLICT.problem("task " + task.id() + " is " + task.status().wireName()
      + "; it cannot become " + target.wireName()).asException();
  }

  private <T> Future<T> repository(Function<TaskRepository, Future<T>> work) {
    return postgres.call((Pool pool) -> work.apply(new TaskRepository(pool)));
  }
}
