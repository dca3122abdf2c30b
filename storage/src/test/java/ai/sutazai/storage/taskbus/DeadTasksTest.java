package ai.sutazai.storage.taskbus;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.broker.DeadLetter;
import ai.sutazai.storage.broker.UnroutableTask;
import ai.sutazai.verticles.bus.BusMessages;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Messages the broker gave up on whose task id is no task id: storage could never record them, so they are dropped
 * rather than offered again forever; a task's own message is still recorded dead.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DeadTasksTest {

  private final List<JsonObject> transitions = new CopyOnWriteArrayList<>();
  private TaskBusMeters meters;
  private DeadTasks deadTasks;

  @BeforeEach
  void storage(Vertx vertx) {
    vertx.eventBus().<JsonObject>consumer(StorageAddresses.TASK_TRANSITION, message -> {
      transitions.add(message.body());
      BusMessages.fail(message, ProblemType.NOT_FOUND.problem("no task " + message.body().getString("id")));
    }).completion().await();
    meters = new TaskBusMeters();
    deadTasks = new DeadTasks(new TaskRecords(vertx), meters);
  }

  @AfterEach
  void removeMeters() {
    meters.remove();
  }

  /** Verifies that an unroutable message whose id is not a UUID is dropped without asking storage. */
  @Test
  void unroutableMessageWithoutATaskIdIsDropped() {
    deadTasks.unroutable(new UnroutableTask("orphan-testtype-nobody-1234", "agent.nobody.chat", new JsonObject()))
        .await();

    assertThat(transitions).isEmpty();
  }

  /** Verifies that a dead letter whose task id is not a UUID is dropped without asking storage. */
  @Test
  void deadLetterWithoutATaskIdIsDropped() {
    JsonObject body = new JsonObject().put("task", new JsonObject().put("id", "orphan-1").put("agent", "ag-001"));
    deadTasks.deadLetter(new DeadLetter("orphan-1", "expired", "agent.ag-001.tasks", 1, "agent.development.chat", 1,
        new JsonObject(), body)).await();

    assertThat(transitions).isEmpty();
  }

  /** Verifies that an unroutable task is recorded dead with the key no queue was bound for. */
  @Test
  void unroutableTaskIsRecordedDead() {
    String id = UUID.randomUUID().toString();
    deadTasks.unroutable(new UnroutableTask(id, "agent.nobody.chat", new JsonObject())).await();

    assertThat(transitions).singleElement().satisfies(transition -> {
      assertThat(transition.getString("id")).isEqualTo(id);
      assertThat(transition.getString("status")).isEqualTo("dead");
      assertThat(transition.getString("error")).isEqualTo("unroutable: no agent queue is bound for agent.nobody.chat");
    });
  }
}
