package ai.sutazai.storage.task;

import static ai.sutazai.storage.task.TaskSql.*;

import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Stores tasks and their status changes in PostgreSQL with prepared statements only. A null owner reads and
 * changes every owner's tasks (the agent runtime); a given owner finds another owner's task as absent as an
 * unknown id (an empty Optional, never a failure). Validation of names and sizes is the caller's job.
 */
public final class TaskRepository {

  /**
   * How often a status change is tried again when it lost a race: it was refused, but the status it then found
   * allows it (a retried attempt went back to queued between the two statements, say).
   */
  private static final int MAX_ROUNDS = 3;
  private static final Set<TaskStatus> CANCELLABLE = EnumSet.of(TaskStatus.PENDING, TaskStatus.QUEUED);

  private final Pool pool;

  public TaskRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Stores {@code task} as pending with no attempt yet, recording its first event, and answers it as stored: cancelled
   * at once when a task it depends on has already ended failed, dead or cancelled. Fails with a 409 problem when its
   * id is taken, and a 400 problem naming {@code parent} or {@code depends_on} when a task it names does not exist.
   */
  public Future<Task> create(NewTask task) {
    return createRecorded(task).map(CreatedTask::task);
  }

  /**
   * {@link #create}, answering every change it recorded with its event id. The dependencies are locked while the task
   * is stored, so that one ending at the same moment either sees the new task among its dependents or is seen ended.
   */
  public Future<CreatedTask> createRecorded(NewTask task) {
    UUID[] dependsOn = task.dependsOn().stream().distinct().toArray(UUID[]::new);
    Tuple parameters = Tuple.from(new Object[] {task.id(), task.owner(), task.type(), task.payload(),
      task.priority(), task.agent(), task.parent(), task.workflow(), dependsOn});
    Future<CreatedTask> created = dependsOn.length == 0
      ? insert(pool, parameters).map(inserted -> inserted == null ? null : new CreatedTask(inserted, List.of()))
      : pool.withTransaction(connection -> connection.preparedQuery(LOCK_DEPENDENCIES)
        .execute(Tuple.tuple().addArrayOfUUID(dependsOn))
        .compose(dependencies -> insert(connection, parameters).compose(inserted -> inserted == null
          ? Future.succeededFuture(null)
          : cancelIfEnded(connection, inserted, endedDependency(dependencies, dependsOn)))));
    return created.compose(done -> done != null ? Future.succeededFuture(done)
      : whyNotCreated(task).compose(problem -> Future.failedFuture(problem.asException())));
  }

  /** The task stored pending with its first event, or null when it was not stored. */
  private static Future<RecordedChange> insert(SqlClient client, Tuple parameters) {
    return client.preparedQuery(INSERT).execute(parameters)
      .map(rows -> rows.size() == 1 ? TaskRows.recorded(rows.iterator().next()) : null);
  }

  /** The first of {@code dependsOn} that ended failed, dead or cancelled, as locked; null when none did. */
  private static Row endedDependency(RowSet<Row> dependencies, UUID[] dependsOn) {
    for (UUID id : dependsOn) {
      for (Row dependency : dependencies) {
        if (id.equals(dependency.getUUID("id"))
            && TaskRows.status(dependency.getString("status")).cancelsDependents()) {
          return dependency;
        }
      }
    }
    return null;
  }

  /** Cancels the new task as a dependency ending now would have (see {@link TaskSql#CANCEL_DEPENDENTS}). */
  private static Future<CreatedTask> cancelIfEnded(SqlClient client, RecordedChange created, Row ended) {
    if (ended == null) {
      return Future.succeededFuture(new CreatedTask(created, List.of()));
    }
    return cancelDependents(client, ended.getUUID("id"), ended.getString("status"), ended.getString("error"))
      .map(cancelled -> new CreatedTask(created, cancelled));
  }

  private Future<Problem> whyNotCreated(NewTask task) {
    return exists(task.id()).compose(taken -> {
      if (taken) {
        return Future.succeededFuture(ProblemType.CONFLICT.problem("a task with id " + task.id() + " exists already"));
      }
      Future<Boolean> parentFound = task.parent() == null ? Future.succeededFuture(true) : exists(task.parent());
      return parentFound.map(found -> ProblemType.INVALID_REQUEST.problem(found
        ? "'depends_on' names a task that does not exist"
        : "'parent' names no task: " + task.parent()));
    });
  }

  private Future<Boolean> exists(UUID id) {
    return pool.preparedQuery(EXISTS).execute(Tuple.of(id)).map(rows -> rows.size() == 1);
  }

  /** The task, or empty when {@code owner} (null: anyone) has no task {@code id}. */
  public Future<Optional<Task>> get(UUID id, String owner) {
    return pool.preparedQuery(SELECT).execute(Tuple.from(new Object[] {id, owner}))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(TaskRows.toTask(rows.iterator().next())));
  }

  /** One page of the tasks {@code filter} matches, newest first, after {@code after} (null: the top). */
  public Future<TaskPage> page(TaskFilter filter, TaskCursor after, int limit) {
    if (limit < 1) {
      return Future.failedFuture(new IllegalArgumentException("Page limit must be at least 1, got " + limit));
    }
    Tuple parameters = Tuple.from(new Object[] {filter.owner(),
      filter.status() == null ? null : filter.status().wireName(), filter.agent(), filter.workflow(),
      after == null ? null : after.createdAt(), after == null ? null : after.id(), limit + 1});
    return pool.preparedQuery(PAGE).execute(parameters).map(set -> {
      List<Task> items = TaskRows.toTasks(set);
      if (items.size() <= limit) {
        return new TaskPage(items, Optional.empty());
      }
      List<Task> page = items.subList(0, limit);
      return new TaskPage(page, Optional.of(TaskCursor.after(page.get(limit - 1)).encode()));
    });
  }

  /**
   * Moves task {@code id} (any owner's) to {@code change.status()} when its status allows it. Repeating a final
   * change is {@code UNCHANGED}: the first one's result stands. Empty when there is no task {@code id}.
   */
  public Future<Optional<TaskTransition>> transition(UUID id, TaskChange change) {
    TaskStatus target = change.status();
    return change(id, null, change, target.allowedFrom(), task -> target.isFinal() && task.status() == target,
      MAX_ROUNDS);
  }

  /**
   * Notes that the task bus confirmed task {@code id}: a pending task becomes queued and leaves the outbox.
   * {@code UNCHANGED} when it was published before; {@code REFUSED} when it was cancelled first.
   */
  public Future<Optional<TaskTransition>> markPublished(UUID id) {
    return change(id, null, TaskChange.to(TaskStatus.QUEUED), EnumSet.of(TaskStatus.PENDING),
      task -> task.publishedAt() != null, MAX_ROUNDS);
  }

  /**
   * Cancels task {@code id} of {@code owner} (null: anyone's): a pending or queued task becomes cancelled; a
   * running one is marked {@code CANCEL_REQUESTED} for the agent runtime to stop; a cancelled one is
   * {@code UNCHANGED}; a completed, failed or dead one is {@code REFUSED}. Empty when there is no such task.
   */
  public Future<Optional<TaskTransition>> cancel(UUID id, String owner) {
    return cancel(id, owner, MAX_ROUNDS);
  }

  /**
   * The task and its status changes after event {@code afterEvent} (0: from the first), at most {@code limit},
   * oldest first; empty when {@code owner} (null: anyone) has no task {@code id}.
   */
  public Future<Optional<TaskHistory>> history(UUID id, String owner, long afterEvent, int limit) {
    return pool.withConnection(connection -> connection.preparedQuery(SELECT)
      .execute(Tuple.from(new Object[] {id, owner}))
      .compose(tasks -> {
        if (tasks.size() == 0) {
          return Future.succeededFuture(Optional.<TaskHistory>empty());
        }
        Task task = TaskRows.toTask(tasks.iterator().next());
        return connection.preparedQuery(EVENTS).execute(Tuple.of(id, afterEvent, limit)).map(rows -> {
          List<TaskEvent> events = new ArrayList<>(rows.size());
          rows.forEach(row -> events.add(TaskRows.toEvent(row)));
          return Optional.of(new TaskHistory(task, events));
        });
      }));
  }

  /** The oldest {@code limit} tasks waiting to be published, whose dependencies have all completed. */
  public Future<List<Task>> outbox(int limit) {
    return outbox(limit, null);
  }

  /**
   * The oldest {@code limit} tasks waiting to be published, whose dependencies have all completed and whose agent
   * is one of {@code agents} (any agent, or none, when null).
   */
  public Future<List<Task>> outbox(int limit, List<String> agents) {
    String[] named = agents == null ? null : agents.toArray(new String[0]);
    return pool.preparedQuery(OUTBOX).execute(Tuple.tuple().addInteger(limit).addArrayOfString(named))
        .map(TaskRows::toTasks);
  }

  /** Published tasks not finished (queued or running), highest priority first, then oldest. */
  public Future<List<Task>> unfinished() {
    return pool.query(UNFINISHED).execute().map(TaskRows::toTasks);
  }

  /** How many tasks have each status, and how many wait in the outbox. */
  public Future<TaskCounts> counts() {
    return pool.query(COUNTS).execute().map(rows -> {
      Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
      long outbox = 0;
      for (Row row : rows) {
        TaskStatus status = TaskRows.status(row.getString("status"));
        byStatus.put(status, row.getLong("tasks"));
        if (status == TaskStatus.PENDING) {
          outbox = row.getLong("unpublished");
        }
      }
      return new TaskCounts(byStatus, outbox);
    });
  }

  private Future<Optional<TaskTransition>> cancel(UUID id, String owner, int rounds) {
    return change(id, owner, TaskChange.to(TaskStatus.CANCELLED), CANCELLABLE,
      task -> task.status() == TaskStatus.CANCELLED, MAX_ROUNDS).compose(done -> {
        if (done.isEmpty() || done.get().outcome() != TaskTransition.Outcome.REFUSED
            || done.get().task().status() != TaskStatus.RUNNING) {
          return Future.succeededFuture(done);
        }
        return pool.preparedQuery(REQUEST_CANCEL).execute(Tuple.from(new Object[] {id, owner})).compose(rows -> {
          if (rows.size() == 1) {
            return Future.succeededFuture(Optional.of(new TaskTransition(TaskTransition.Outcome.CANCEL_REQUESTED,
              TaskRows.toTask(rows.iterator().next()))));
          }
          return rounds > 1 ? cancel(id, owner, rounds - 1) : Future.succeededFuture(done);
        });
      });
  }

  /**
   * Tries the compare-and-set change from any of {@code from} (with the cancellation of the task's dependents in the
   * same transaction when it ends failed, dead or cancelled); when nothing changed, reads the task to tell whether it
   * is missing, already where the change leads ({@code alreadyThere}), or refused.
   */
  private Future<Optional<TaskTransition>> change(UUID id, String owner, TaskChange change, Set<TaskStatus> from,
                                                  Predicate<Task> alreadyThere, int rounds) {
    TaskStatus target = change.status();
    Tuple parameters = Tuple.from(new Object[] {id, owner, target.wireName(), TaskStatus.wireNames(from),
      change.result(), change.error(), change.agent(), change.detail(), target == TaskStatus.RUNNING,
      target.isFinal()});
    Future<TaskTransition> written = target.cancelsDependents()
      ? pool.withTransaction(connection -> changeOn(connection, parameters, true))
      : changeOn(pool, parameters, false);
    return written.compose(done -> {
      if (done != null) {
        return Future.succeededFuture(Optional.of(done));
      }
      return get(id, owner).compose(found -> {
        if (found.isEmpty()) {
          return Future.succeededFuture(Optional.empty());
        }
        Task task = found.get();
        if (alreadyThere.test(task)) {
          return Future.succeededFuture(Optional.of(new TaskTransition(TaskTransition.Outcome.UNCHANGED, task)));
        }
        if (from.contains(task.status()) && rounds > 1) {
          return change(id, owner, change, from, alreadyThere, rounds - 1);
        }
        return Future.succeededFuture(Optional.of(new TaskTransition(TaskTransition.Outcome.REFUSED, task)));
      });
    });
  }

  /** The change, with the dependents it cancelled when {@code cascade}; null when the status did not allow it. */
  private static Future<TaskTransition> changeOn(SqlClient client, Tuple parameters, boolean cascade) {
    return client.preparedQuery(CHANGE_STATUS).execute(parameters).compose(rows -> {
      if (rows.size() != 1) {
        return Future.succeededFuture(null);
      }
      RecordedChange changed = TaskRows.recorded(rows.iterator().next());
      Task task = changed.task();
      if (!cascade) {
        return Future.succeededFuture(new TaskTransition(TaskTransition.Outcome.CHANGED, task, changed.eventId(),
          List.of()));
      }
      return cancelDependents(client, task.id(), task.status().wireName(), task.error()).map(dependents ->
        new TaskTransition(TaskTransition.Outcome.CHANGED, task, changed.eventId(), dependents));
    });
  }

  /** Cancels the pending tasks depending on task {@code ended}, which ended with {@code status} and {@code error}. */
  private static Future<List<RecordedChange>> cancelDependents(SqlClient client, UUID ended, String status,
                                                               String error) {
    return client.preparedQuery(CANCEL_DEPENDENTS).execute(Tuple.of(ended, status, error)).map(cancelled -> {
      List<RecordedChange> changes = new ArrayList<>(cancelled.size());
      cancelled.forEach(row -> changes.add(TaskRows.recorded(row)));
      return changes;
    });
  }
}
