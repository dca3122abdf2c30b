package ai.sutazai.storage.task;

import static ai.sutazai.storage.pg.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.storage.pg.MigratedDatabases;
import ai.sutazai.storage.pg.TestServer;
import ai.sutazai.storage.task.TaskTransition.Outcome;
import ai.sutazai.verticles.problem.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The task record in the machine's PostgreSQL and in the embedded one, each on a throwaway database. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TaskRepositoryTest {

  @RegisterExtension
  static final MigratedDatabases DATABASES = MigratedDatabases.onEveryServer();

  private Pool pool;

  /** Verifies that a new task is stored pending, without attempts, with everything it was given. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void createStoresPendingTask(TestServer server, Vertx vertx) {
    TaskRepository repository = repository(server, vertx);
    String owner = owner();
    UUID workflow = UUID.randomUUID();
    Task parent = await(repository.create(NewTask.of(owner, "workflow", new JsonObject(), 5)));
    NewTask asked = new NewTask(UUID.randomUUID(), owner, "api_design", new JsonObject().put("spec", "pets"), 8,
      "ag-007", parent.id(), workflow, List.of(parent.id()));

    Task created = await(repository.create(asked));

    assertThat(created.id()).isEqualTo(asked.id());
    assertThat(created.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(created.attempts()).isZero();
    assertThat(created.payload()).isEqualTo(new JsonObject().put("spec", "pets"));
    assertThat(created.priority()).isEqualTo(8);
    assertThat(created.agent()).isEqualTo("ag-007");
    assertThat(created.parent()).isEqualTo(parent.id());
    assertThat(created.workflow()).isEqualTo(workflow);
    assertThat(created.dependsOn()).containsExactly(parent.id());
    assertThat(created.startedAt()).isNull();
    assertThat(created.publishedAt()).isNull();
    assertThat(await(repository.get(created.id(), owner))).contains(created);
  }

  /** Verifies that a taken id is a 409 and an unknown parent or dependency a 400 naming the field, storing nothing. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void createRefusesTakenIdsAndUnknownReferences(TestServer server, Vertx vertx) {
    TaskRepository repository = repository(server, vertx);
    String owner = owner();
    Task existing = await(repository.create(NewTask.of(owner, "chat", new JsonObject(), 5)));
    UUID unknown = UUID.randomUUID();

    assertThatThrownBy(() -> await(repository.create(new NewTask(existing.id(), owner, "chat", new JsonObject(), 5,
      null, null, null, List.of()))))
      .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(409));
    UUID orphan = UUID.randomUUID();
    assertThatThrownBy(() -> await(repository.create(new NewTask(orphan, owner, "chat", new JsonObject(), 5, null,
      unknown, null, List.of()))))
      .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().detail()).startsWith("'parent'"));
    assertThatThrownBy(() -> await(repository.create(new NewTask(orphan, owner, "chat", new JsonObject(), 5, null,
      null, null, List.of(existing.id(), unknown)))))
      .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().detail()).startsWith("'depends_on'"));
    assertThat(await(repository.get(orphan, null))).isEmpty();
  }

  /** Verifies the whole happy life: published, two attempts (the first retried), completed with its result. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void lifecycleThroughRetryToCompletion(TestServer server, Vertx vertx) {
    TaskRepository repository = repository(server, vertx);
    Task task = await(repository.create(NewTask.of(owner(), "code_review", new JsonObject(), 5)));

    Task queued = changed(repository.markPublished(task.id()));
    Task firstAttempt = changed(repository.transition(task.id(),
      TaskChange.to(TaskStatus.RUNNING).withAgent("ag-007")));
    Task retried = changed(repository.transition(task.id(),
      TaskChange.to(TaskStatus.QUEUED).withError("model timed out")));
    Task secondAttempt = changed(repository.transition(task.id(), TaskChange.to(TaskStatus.RUNNING)));
    Task completed = changed(repository.transition(task.id(), TaskChange.to(TaskStatus.COMPLETED)
      .withResult(new JsonObject().put("verdict", "ok"))));

    assertThat(queued.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(queued.publishedAt()).isNotNull();
    assertThat(firstAttempt.attempts()).isEqualTo(1);
    assertThat(firstAttempt.agent()).isEqualTo("ag-007");
    assertThat(firstAttempt.startedAt()).isNotNull();
    assertThat(retried.error()).isEqualTo("model timed out");
    assertThat(secondAttempt.attempts()).isEqualTo(2);
    assertThat(secondAttempt.startedAt()).isAfter(firstAttempt.startedAt());
    assertThat(completed.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(completed.result()).isEqualTo(new JsonObject().put("verdict", "ok"));
    assertThat(completed.error()).isNull();
    assertThat(completed.completedAt()).isNotNull();
    assertThat(completed.attempts()).isEqualTo(2);
  }

  /** Verifies that changes the status does not allow are refused and write nothing, not even an event. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void refusesChangesTheStatusDoesNotAllow(TestServer server, Vertx vertx) {
    TaskRepository repository = repository(server, vertx);
    Task task = await(repository.create(NewTask.of(owner(), "chat", new JsonObject(), 5)));

    Outcome runningWhilePending = outcome(repository.transition(task.id(), TaskChange.to(TaskStatus.RUNNING)));
    Outcome completedWhilePending = outcome(repository.transition(task.id(), TaskChange.to(TaskStatus.COMPLETED)));
    changed(repository.markPublished(task.id()));
    changed(repository.transition(task.id(), TaskChange.to(TaskStatus.RUNNING)));
    changed(repository.transition(task.id(), TaskChange.to(TaskStatus.FAILED).withError("bad plan")));
    TaskTransition afterFailure = await(repository.transition(task.id(),
      TaskChange.to(TaskStatus.COMPLETED))).orElseThrow();
    TaskTransition restart = await(repository.transition(task.id(), TaskChange.to(TaskStatus.RUNNING))).orElseThrow();

    assertThat(runningWhilePending).isEqualTo(Outcome.REFUSED);
    assertThat(completedWhilePending).isEqualTo(Outcome.REFUSED);
    assertThat(afterFailure.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(afterFailure.task().status()).isEqualTo(TaskStatus.FAILED);
    assertThat(restart.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(restart.task().attempts()).isEqualTo(1);
    assertThat(statuses(repository, task.id())).containsExactly(TaskStatus.PENDING, TaskStatus.QUEUED,
      TaskStatus.RUNNING, TaskStatus.FAILED);
    assertThat(await(repository.transition(UUID.randomUUID(), TaskChange.to(TaskStatus.DEAD)))).isEmpty();
  }

  /** Verifies that of many completions racing on one running task exactly one wins; the others change nothing. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void concurrentCompletionsHaveOneWinner(TestServer server, Vertx vertx) {
    TaskRepository repository = repository(server, vertx);
    Task task = running(repository, owner());

    List<Future<Optional<TaskTransition>>> racing = IntStream.range(0, 6)
      .mapToObj(i -> repository.transition(task.id(), TaskChange.to(TaskStatus.COMPLETED)
        .withResult(new JsonObject().put("by", i))))
      .toList();
    await(Future.join(racing));

    List<TaskTransition> outcomes = racing.stream().map(done -> done.result().orElseThrow()).toList();
    List<TaskTransition> winners = outcomes.stream().filter(TaskTransition::changed).toList();
    assertThat(winners).hasSize(1);
    assertThat(outcomes).filteredOn(done -> !done.changed())
      .hasSize(5)
      .allSatisfy(done -> {
        assertThat(done.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(done.task().status()).isEqualTo(TaskStatus.COMPLETED);
      });
    Task stored = await(repository.get(task.id(), null)).orElseThrow();
    assertThat(stored.result()).isEqualTo(winners.get(0).task().result());
    assertThat(statuses(repository, task.id())).filteredOn(status -> status == TaskStatus.COMPLETED).hasSize(1);
  }

  /** Verifies that a redelivered final change (dead twice) is answered unchanged and keeps the first reason. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void repeatedDeadKeepsFirstReason(TestServer server, Vertx vertx) {
    TaskRepository repository = repository(server, vertx);
    Task task = running(repository, owner());
    JsonObject death = new JsonObject().put("reason", "rejected").put("count", 1);

    Task dead = changed(repository.transition(task.id(), TaskChange.to(TaskStatus.DEAD)
      .withError("3 attempts failed").withDetail(death)));
    TaskTransition again = await(repository.transition(task.id(), TaskChange.to(TaskStatus.DEAD)
      .withError("expired"))).orElseThrow();

    assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(again.task()).isEqualTo(dead);
    assertThat(again.task().error()).isEqualTo("3 attempts failed");
    TaskEvent last = lastEvent(repository, task.id());
    assertThat(last.detail()).isEqualTo(death.copy().put("attempt", 1).put("agent", "ag-001")
      .put("error", "3 attempts failed"));
  }

  /** Verifies that every status change is recorded once, in order, at rising times, readable from a given event on. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void recordsEventsInOrderWithTimes(TestServer server, Vertx vertx) {
    TaskRepository repository = repository(server, vertx);
    String owner = owner();
    Task task = running(repository, owner);
    Task completed = changed(repository.transition(task.id(), TaskChange.to(TaskStatus.COMPLETED)
      .withResult(new JsonObject())));

    TaskHistory history = await(repository.history(task.id(), owner, 0, 100)).orElseThrow();
    List<TaskEvent> events = history.events();

    assertThat(events).extracting(TaskEvent::status).containsExactly(TaskStatus.PENDING, TaskStatus.QUEUED,
      TaskStatus.RUNNING, TaskStatus.COMPLETED);
    assertThat(events).extracting(TaskEvent::taskId).containsOnly(task.id());
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).id()).isGreaterThan(events.get(i - 1).id());
      assertThat(events.get(i).at()).isAfterOrEqualTo(events.get(i - 1).at());
    }
    assertThat(events.get(0).at()).isEqualTo(task.createdAt());
    assertThat(events.get(3).at()).isEqualTo(completed.updatedAt());
    assertThat(events.get(2).detail()).isEqualTo(new JsonObject().put("attempt", 1).put("agent", "ag-001"));
    assertThat(history.task()).isEqualTo(completed);
    List<TaskEvent> rest = await(repository.history(task.id(), owner, events.get(1).id(), 100)).orElseThrow().events();
    assertThat(rest).containsExactlyElementsOf(events.subList(2, 4));
    assertThat(await(repository.history(task.id(), owner, 0, 2)).orElseThrow().events())
      .containsExactlyElementsOf(events.subList(0, 2));
  }

  /** Verifies that another owner's task is absent to reading, listing, events and cancelling; no owner sees all. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void scopesTasksToTheirOwner(TestServer server, Vertx vertx) {
    TaskRepository repository = repository(server, vertx);
    String alice = owner();
    String mallory = owner();
    Task task = await(repository.create(NewTask.of(alice, "chat", new JsonObject(), 5)));

    assertThat(await(repository.get(task.id(), mallory))).isEmpty();
    assertThat(await(repository.history(task.id(), mallory, 0, 10))).isEmpty();
    assertThat(await(repository.cancel(task.id(), mallory))).isEmpty();
    assertThat(await(repository.page(new TaskFilter(mallory, null, null, null), null, 10)).items()).isEmpty();
    assertThat(await(repository.get(task.id(), null))).isPresent();
    assertThat(await(repository.get(task.id(), alice)).orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
  }

  /** Verifies that listing walks the matching tasks newest first across pages, filtered by status and agent. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void pagesNewestFirstWithFilters(TestServer server, Vertx vertx) {
    TaskRepository repository = repository(server, vertx);
    String owner = owner();
    List<UUID> oldestFirst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      oldestFirst.add(await(repository.create(new NewTask(UUID.randomUUID(), owner, "chat", new JsonObject(), 5,
        i % 2 == 0 ? "ag-001" : "ag-002", null, null, List.of()))).id());
    }
    changed(repository.markPublished(oldestFirst.get(3)));

    List<UUID> listed = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    TaskCursor cursor = null;
    do {
      TaskPage page = await(repository.page(new TaskFilter(owner, null, null, null), cursor, 2));
      page.items().forEach(task -> listed.add(task.id()));
      sizes.add(page.items().size());
      cursor = page.nextCursor().map(TaskCursor::decode).orElse(null);
    } while (cursor != null);

    assertThat(sizes).containsExactly(2, 2, 1);
    assertThat(listed).containsExactly(oldestFirst.get(4), oldestFirst.get(3), oldestFirst.get(2),
      oldestFirst.get(1), oldestFirst.get(0));
    assertThat(ids(repository, new TaskFilter(owner, null, "ag-001", null))).containsExactly(oldestFirst.get(4),
      oldestFirst.get(2), oldestFirst.get(0));
    assertThat(ids(repository, new TaskFilter(owner, TaskStatus.QUEUED, null, null)))
      .containsExactly(oldestFirst.get(3));
    assertThat(ids(repository, new TaskFilter(owner, TaskStatus.PENDING, "ag-002", null)))
      .containsExactly(oldestFirst.get(1));
  }

  /**
   * Verifies that the outbox hands out pending tasks oldest first, loses each once published, skips cancelled ones,
   * and holds back a workflow step until every task it depends on completed.
   */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void outboxDrainsInOrderAndWaitsForDependencies(TestServer server, Vertx vertx) {
    TaskRepository repository = repository(server, vertx);
    String owner = owner();
    Task first = await(repository.create(NewTask.of(owner, "chat", new JsonObject(), 5)));
    Task cancelled = await(repository.create(NewTask.of(owner, "chat", new JsonObject(), 5)));
    Task second = await(repository.create(NewTask.of(owner, "chat", new JsonObject(), 1)));
    Task step = await(repository.create(new NewTask(UUID.randomUUID(), owner, "summarize", new JsonObject(), 5, null,
      null, null, List.of(first.id(), second.id()))));
    await(repository.cancel(cancelled.id(), owner));

    assertThat(outboxOf(repository, owner)).containsExactly(first.id(), second.id());
    TaskTransition published = await(repository.markPublished(first.id())).orElseThrow();
    TaskTransition again = await(repository.markPublished(first.id())).orElseThrow();
    TaskTransition ofCancelled = await(repository.markPublished(cancelled.id())).orElseThrow();
    assertThat(outboxOf(repository, owner)).containsExactly(second.id());
    complete(repository, first.id());
    changed(repository.markPublished(second.id()));
    assertThat(outboxOf(repository, owner)).isEmpty();
    complete(repository, second.id());

    assertThat(outboxOf(repository, owner)).containsExactly(step.id());
    assertThat(published.outcome()).isEqualTo(Outcome.CHANGED);
    assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(again.task().publishedAt()).isEqualTo(published.task().publishedAt());
    assertThat(ofCancelled.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(ofCancelled.task().status()).isEqualTo(TaskStatus.CANCELLED);
  }

  /** Verifies cancelling: queued becomes cancelled (again: unchanged), running gets a request, completed is refused. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void cancelsByStatus(TestServer server, Vertx vertx) {
    TaskRepository repository = repository(server, vertx);
    String owner = owner();
    Task queued = await(repository.create(NewTask.of(owner, "chat", new JsonObject(), 5)));
    changed(repository.markPublished(queued.id()));
    Task running = running(repository, owner);
    Task completed = running(repository, owner);
    complete(repository, completed.id());

    TaskTransition cancelled = await(repository.cancel(queued.id(), owner)).orElseThrow();
    TaskTransition twice = await(repository.cancel(queued.id(), owner)).orElseThrow();
    TaskTransition requested = await(repository.cancel(running.id(), owner)).orElseThrow();
    TaskTransition requestedAgain = await(repository.cancel(running.id(), owner)).orElseThrow();
    TaskTransition refused = await(repository.cancel(completed.id(), owner)).orElseThrow();
    Task stopped = changed(repository.transition(running.id(), TaskChange.to(TaskStatus.CANCELLED)));

    assertThat(cancelled.outcome()).isEqualTo(Outcome.CHANGED);
    assertThat(cancelled.task().status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(cancelled.task().completedAt()).isNotNull();
    assertThat(twice.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(requested.outcome()).isEqualTo(Outcome.CANCEL_REQUESTED);
    assertThat(requested.task().status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(requested.task().cancelRequestedAt()).isNotNull();
    assertThat(requestedAgain.task().cancelRequestedAt()).isEqualTo(requested.task().cancelRequestedAt());
    assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(refused.task().status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(stopped.status()).isEqualTo(TaskStatus.CANCELLED);
  }

  /**
   * Verifies that a task created depending on a task that already ended dead is stored cancelled with the cascade's
   * error (its events pending, then cancelled, both answered), while one depending on a completed task stays pending.
   */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void taskCreatedAfterItsDependencyEndedIsCancelled(TestServer server, Vertx vertx) {
    TaskRepository repository = repository(server, vertx);
    String owner = owner();
    Task dead = running(repository, owner);
    changed(repository.transition(dead.id(), TaskChange.to(TaskStatus.DEAD).withError("boom")));
    Task completed = running(repository, owner);
    complete(repository, completed.id());

    CreatedTask doomed = await(repository.createRecorded(dependingOn(owner, completed.id(), dead.id())));
    Task waiting = await(repository.create(dependingOn(owner, completed.id())));

    Task task = doomed.task();
    assertThat(task.status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(task.error()).isEqualTo("dependency " + dead.id() + " ended dead: boom");
    assertThat(task.completedAt()).isNotNull();
    assertThat(await(repository.get(task.id(), owner))).contains(task);
    List<TaskEvent> events = await(repository.history(task.id(), null, 0, 100)).orElseThrow().events();
    assertThat(events).extracting(TaskEvent::status).containsExactly(TaskStatus.PENDING, TaskStatus.CANCELLED);
    assertThat(doomed.recorded()).extracting(change -> change.task().status())
      .containsExactly(TaskStatus.PENDING, TaskStatus.CANCELLED);
    assertThat(doomed.recorded()).extracting(RecordedChange::eventId)
      .containsExactly(events.get(0).id(), events.get(1).id());
    assertThat(waiting.status()).isEqualTo(TaskStatus.PENDING);
  }

  /** Verifies that a task created while the task it depends on ends dead never stays pending, whichever is first. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void taskCreatedWhileItsDependencyEndsIsCancelled(TestServer server, Vertx vertx) {
    TaskRepository repository = repository(server, vertx);
    String owner = owner();
    for (int round = 0; round < 20; round++) {
      Task dependency = running(repository, owner);

      Future<Optional<TaskTransition>> ending = repository.transition(dependency.id(),
        TaskChange.to(TaskStatus.DEAD).withError("boom"));
      Future<Task> created = repository.create(dependingOn(owner, dependency.id()));
      await(Future.all(ending, created));

      Task stored = await(repository.get(created.result().id(), owner)).orElseThrow();
      assertThat(stored.status()).as("round %d", round).isEqualTo(TaskStatus.CANCELLED);
      assertThat(stored.error()).isEqualTo("dependency " + dependency.id() + " ended dead: boom");
    }
  }

  private static NewTask dependingOn(String owner, UUID... dependencies) {
    return new NewTask(UUID.randomUUID(), owner, "chat", new JsonObject(), 5, null, null, null, List.of(dependencies));
  }

  private TaskRepository repository(TestServer server, Vertx vertx) {
    pool = DATABASES.pool(server, vertx);
    return new TaskRepository(pool);
  }

  /** A task of {@code owner} on its first attempt, taken by ag-001. */
  private static Task running(TaskRepository repository, String owner) {
    Task task = await(repository.create(NewTask.of(owner, "chat", new JsonObject(), 5)));
    changed(repository.markPublished(task.id()));
    return changed(repository.transition(task.id(), TaskChange.to(TaskStatus.RUNNING).withAgent("ag-001")));
  }

  private static void complete(TaskRepository repository, UUID id) {
    changed(repository.transition(id, TaskChange.to(TaskStatus.RUNNING)));
    changed(repository.transition(id, TaskChange.to(TaskStatus.COMPLETED).withResult(new JsonObject())));
  }

  private static Task changed(Future<Optional<TaskTransition>> change) {
    TaskTransition done = await(change).orElseThrow();
    assertThat(done.outcome()).as("outcome for a task now %s", done.task().status()).isEqualTo(Outcome.CHANGED);
    return done.task();
  }

  private static Outcome outcome(Future<Optional<TaskTransition>> change) {
    return await(change).orElseThrow().outcome();
  }

  private static List<TaskStatus> statuses(TaskRepository repository, UUID id) {
    return await(repository.history(id, null, 0, 100)).orElseThrow().events().stream().map(TaskEvent::status).toList();
  }

  private static TaskEvent lastEvent(TaskRepository repository, UUID id) {
    List<TaskEvent> events = await(repository.history(id, null, 0, 100)).orElseThrow().events();
    return events.get(events.size() - 1);
  }

  /** Verifies that the outbox can be asked for the tasks of some agents only, oldest first. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void outboxOfSomeAgents(TestServer server, Vertx vertx) {
    TaskRepository repository = repository(server, vertx);
    String owner = owner();
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<UUID> created = new ArrayList<>();
    for (String agent : List.of("a-" + run, "b-" + run, "a-" + run, "c-" + run)) {
      created.add(await(repository.create(new NewTask(UUID.randomUUID(), owner, "chat", new JsonObject(), 5, agent,
          null, null, List.of()))).id());
    }

    List<UUID> ofA = await(repository.outbox(500, List.of("a-" + run))).stream().map(Task::id).toList();
    List<UUID> ofAandC = await(repository.outbox(500, List.of("a-" + run, "c-" + run))).stream().map(Task::id)
        .toList();

    assertThat(ofA).containsExactly(created.get(0), created.get(2));
    assertThat(ofAandC).containsExactly(created.get(0), created.get(2), created.get(3));
    assertThat(await(repository.outbox(500, List.of()))).isEmpty();
  }

  private static List<UUID> ids(TaskRepository repository, TaskFilter filter) {
    return await(repository.page(filter, null, 100)).items().stream().map(Task::id).toList();
  }

  /** The outbox restricted to {@code owner}'s tasks: other tests of the class share the database. */
  private static List<UUID> outboxOf(TaskRepository repository, String owner) {
    return await(repository.outbox(500)).stream().filter(task -> task.owner().equals(owner)).map(Task::id).toList();
  }

  private static String owner() {
    return "owner-" + UUID.randomUUID();
  }
}
