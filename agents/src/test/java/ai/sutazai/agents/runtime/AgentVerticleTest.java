package ai.sutazai.agents.runtime;

import static ai.sutazai.agents.runtime.AgentHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.agents.AgentDefinition;
import ai.sutazai.verticles.cache.CacheKeys;
import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** What one copy of an agent does with the tasks the task bus hands it. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentVerticleTest {

  private static final AgentDefinition AGENT = TestAgents.summarizer(1, 30);

  private AgentHarness harness;
  private FakeStorage storage;
  private FakeInference inference;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    harness = AgentHarness.on(vertx);
    storage = harness.storage;
    inference = harness.inference;
  }

  private String queuedTask(JsonObject fields) {
    return storage.put(new JsonObject().put("payload", new JsonObject().put("text", "a long text"))
        .mergeIn(fields)).getString("id");
  }

  /** Verifies that a delivered task runs, completes with the model's answer and is acknowledged. */
  @Test
  void completesATaskWithTheModelsAnswer() throws Exception {
    harness.deploy(AGENT);
    inference.answers("A short text.");
    String id = queuedTask(new JsonObject().put("priority", 9));

    JsonObject settlement = harness.settle(AGENT, id, 1, 3);

    assertThat(settlement).isEqualTo(new JsonObject().put("settle", "ack"));
    JsonObject task = storage.task(id);
    assertThat(task.getString("status")).isEqualTo("completed");
    assertThat(task.getString("agent")).isEqualTo(AGENT.id());
    assertThat(task.getJsonObject("result"))
        .isEqualTo(new JsonObject().put("answer", "A short text.").put("model", "llama3.2:1b"));
    JsonObject submitted = inference.submitted.get(0);
    assertThat(submitted.getString("model")).isEqualTo("llama3.2:1b");
    assertThat(submitted.getInteger("priority")).isEqualTo(Priority.CRITICAL.level());
    assertThat(submitted.getString("request_id")).isEqualTo(id);
    assertThat(submitted.getJsonObject("body").getJsonObject("options")).isEqualTo(AGENT.options());
    assertThat(submitted.getLong("timeout_ms")).isBetween(1L, 30_000L);
    assertThat(inference.lastMessageOf(0)).contains("summarize").contains("a long text");
    assertThat(harness.activity.completed()).isEqualTo(1);
    assertThat(harness.activity.inFlight()).isZero();
  }

  /** Verifies that a failed attempt with attempts left moves the task back to queued with the error and asks for a retry. */
  @Test
  void retriesAFailedAttemptWhileAttemptsAreLeft() throws Exception {
    harness.deploy(AGENT);
    inference.fails(ProblemType.OLLAMA_ERROR, "model crashed");
    String id = queuedTask(new JsonObject());

    JsonObject settlement = harness.settle(AGENT, id, 1, 3);

    assertThat(settlement.getString("settle")).isEqualTo("retry");
    assertThat(storage.status(id)).isEqualTo("queued");
    assertThat(storage.task(id).getString("error")).isEqualTo("model crashed");
    assertThat(harness.activity.failed()).isEqualTo(1);
  }

  /** Verifies that the last attempt's failure is rejected with the error as the reason, for the bus to dead-letter. */
  @Test
  void rejectsTheLastFailedAttemptWithItsReason() throws Exception {
    harness.deploy(AGENT);
    inference.fails(ProblemType.OLLAMA_ERROR, "model crashed");
    String id = queuedTask(new JsonObject().put("attempts", 2));

    JsonObject settlement = harness.settle(AGENT, id, 3, 3);

    assertThat(settlement).isEqualTo(new JsonObject().put("settle", "reject").put("reason", "model crashed"));
    assertThat(storage.transitions).extracting(t -> t.getString("status")).containsExactly("running");
  }

  /** Verifies that a task already final (a redelivered copy) is acknowledged without running it. */
  @Test
  void acknowledgesAFinalTaskWithoutRunningIt() throws Exception {
    harness.deploy(AGENT);
    String id = queuedTask(new JsonObject().put("status", "completed").put("result", new JsonObject()));

    assertThat(harness.settle(AGENT, id, 2, 3)).isEqualTo(new JsonObject().put("settle", "ack"));
    assertThat(inference.submitted).isEmpty();
    assertThat(storage.transitions).isEmpty();
  }

  /** Verifies that a task whose cancel was requested is cancelled and acknowledged without running it. */
  @Test
  void cancelsATaskWhoseCancelWasRequested() throws Exception {
    harness.deploy(AGENT);
    String id = queuedTask(new JsonObject().put("status", "running").put("cancel_requested", true));

    assertThat(harness.settle(AGENT, id, 2, 3)).isEqualTo(new JsonObject().put("settle", "ack"));
    assertThat(storage.status(id)).isEqualTo("cancelled");
    assertThat(inference.submitted).isEmpty();
    assertThat(harness.activity.cancelled()).isEqualTo(1);
  }

  /** Verifies that when the task cannot become running (another copy or a cancel won) it is settled by its status, not run. */
  @Test
  void neverRunsATaskThatCannotBecomeRunning() throws Exception {
    harness.deploy(AGENT);
    String id = queuedTask(new JsonObject().put("status", "pending"));

    assertThat(harness.settle(AGENT, id, 1, 3)).isEqualTo(new JsonObject().put("settle", "requeue"));
    assertThat(inference.submitted).isEmpty();
  }

  /** Verifies that a copy holding as many tasks as it may answers requeue to the next one. */
  @Test
  void requeuesBeyondItsConcurrency() throws Exception {
    harness.deploy(AGENT);
    inference.holds();
    String first = queuedTask(new JsonObject());
    String second = queuedTask(new JsonObject());
    Future<JsonObject> held = harness.deliver(AGENT, first, 1, 3);
    eventually(() -> inference.submitted.size() == 1);

    assertThat(harness.settle(AGENT, second, 1, 3)).isEqualTo(new JsonObject().put("settle", "requeue"));
    assertThat(storage.status(second)).isEqualTo("queued");
    assertThat(held.isComplete()).isFalse();
    storage.requestCancel(first);
    assertThat(held.await(AgentHarness.WAIT_SECONDS, TimeUnit.SECONDS).getString("settle")).isEqualTo("ack");
  }

  /**
   * Verifies that a second copy of a task another copy of the agent holds (a redelivery, a settle that timed out)
   * goes back to the queue without running beside the first, and that once the first has settled a copy is
   * acknowledged without running.
   */
  @Test
  void aSecondCopyOfAHeldTaskGoesBackToTheQueue() throws Exception {
    AgentDefinition twoAtOnce = TestAgents.summarizer(2, 30);
    harness.deploy(twoAtOnce);
    inference.holds();
    String id = queuedTask(new JsonObject());
    Future<JsonObject> first = harness.deliver(twoAtOnce, id, 1, 3);
    eventually(() -> inference.submitted.size() == 1);

    assertThat(harness.settle(twoAtOnce, id, 1, 3)).isEqualTo(new JsonObject().put("settle", "requeue"));
    assertThat(inference.submitted).hasSize(1);
    storage.requestCancel(id);
    assertThat(first.await(AgentHarness.WAIT_SECONDS, TimeUnit.SECONDS).getString("settle")).isEqualTo("ack");
    assertThat(harness.settle(twoAtOnce, id, 1, 3)).isEqualTo(new JsonObject().put("settle", "ack"));
    assertThat(inference.submitted).hasSize(1);
  }

  /** Verifies that a cancel requested while the task runs aborts the model call and ends the task cancelled. */
  @Test
  void aCancelRequestAbortsTheModelCall() throws Exception {
    harness.deploy(AGENT);
    inference.holds();
    String id = queuedTask(new JsonObject());
    Future<JsonObject> settlement = harness.deliver(AGENT, id, 1, 3);
    eventually(() -> inference.submitted.size() == 1);

    storage.requestCancel(id);

    assertThat(settlement.await(AgentHarness.WAIT_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(new JsonObject().put("settle", "ack"));
    assertThat(storage.status(id)).isEqualTo("cancelled");
    eventually(() -> inference.cancelled.contains(inference.submitted.get(0).getString("id")));
    assertThat(harness.activity.cancelled()).isEqualTo(1);
  }

  /** Verifies that a task running longer than the agent's timeout is aborted and retried with the timeout as error. */
  @Test
  void aTaskOverItsTimeoutFails() throws Exception {
    AgentDefinition quick = TestAgents.summarizer(1, 1);
    harness.deploy(quick);
    inference.holds();
    String id = queuedTask(new JsonObject());

    JsonObject settlement = harness.settle(quick, id, 1, 2);

    assertThat(settlement.getString("settle")).isEqualTo("retry");
    assertThat(storage.task(id).getString("error")).isEqualTo("the task timed out after 1 s");
    eventually(() -> inference.cancelled.contains(inference.submitted.get(0).getString("id")));
  }

  /** Verifies that undeploying the agent lets a held task finish before the undeployment completes. */
  @Test
  void stoppingFinishesHeldTasks() throws Exception {
    String deployment = harness.deploy(AGENT);
    inference.answersAfter(300, "done in time");
    String id = queuedTask(new JsonObject());
    Future<JsonObject> settlement = harness.deliver(AGENT, id, 1, 3);
    eventually(() -> inference.submitted.size() == 1);

    harness.vertx.undeploy(deployment).await(AgentHarness.WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(settlement.isComplete()).isTrue();
    assertThat(settlement.result()).isEqualTo(new JsonObject().put("settle", "ack"));
    assertThat(storage.status(id)).isEqualTo("completed");
  }

  /**
   * Verifies that a task the copy still holds when the agent's timeout has passed during undeployment (here: its
   * move to running answered late) goes back to queued and is requeued.
   */
  @Test
  void stoppingReturnsTasksStillHeldAfterTheTimeout() throws Exception {
    AgentDefinition quick = TestAgents.summarizer(1, 1);
    String deployment = harness.deploy(quick);
    storage.delayTransitionsTo("running", 1500);
    String id = queuedTask(new JsonObject());
    Future<JsonObject> settlement = harness.deliver(quick, id, 1, 3);
    eventually(() -> harness.activity.inFlight() == 1);

    harness.vertx.undeploy(deployment).await(AgentHarness.WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(settlement.isComplete()).isTrue();
    assertThat(settlement.result()).isEqualTo(new JsonObject().put("settle", "requeue"));
    assertThat(storage.status(id)).isEqualTo("queued");
    assertThat(storage.task(id).getString("error")).isEqualTo("returned: agent ag-100 was undeployed");
    assertThat(inference.submitted).isEmpty();
  }

  /** Verifies that an answer cached for the same request completes the task without the model, marked cached. */
  @Test
  void aCachedAnswerSkipsTheModel() throws Exception {
    harness.deploy(AGENT);
    String id = queuedTask(new JsonObject());
    JsonObject request = new JsonObject().put("type", "summarize")
        .put("payload", new JsonObject().put("text", "a long text")).put("inputs", new JsonObject())
        .put("definition", AGENT.toJson());
    storage.cachePut(CacheKeys.agentResponse(AGENT.id(), request), new JsonObject().put("answer", "cached").encode());

    assertThat(harness.settle(AGENT, id, 1, 3).getString("settle")).isEqualTo("ack");

    assertThat(storage.task(id).getJsonObject("result"))
        .isEqualTo(new JsonObject().put("answer", "cached").put("cached", true));
    assertThat(inference.submitted).isEmpty();
  }

  /** Verifies that a fresh answer is kept in the cache under the request's key for the agent response TTL. */
  @Test
  void aFreshAnswerIsCached() throws Exception {
    harness.deploy(AGENT);
    inference.answers("fresh");
    String id = queuedTask(new JsonObject());

    harness.settle(AGENT, id, 1, 3);

    assertThat(storage.cachePuts).hasSize(1);
    JsonObject put = storage.cachePuts.get(0);
    assertThat(put.getString("key")).startsWith("cache:agent:ag-100:response:");
    assertThat(put.getLong("ttl_ms")).isEqualTo(CacheKeys.AGENT_RESPONSE_TTL.toMillis());
    assertThat(new JsonObject(put.getString("value")).getString("answer")).isEqualTo("fresh");
  }

  /** Verifies that a task with dependencies is asked with their results. */
  @Test
  void aTaskGetsTheResultsOfItsDependencies() throws Exception {
    harness.deploy(AGENT);
    inference.answers("summary of both");
    String dependency = storage.put(new JsonObject().put("status", "completed").put("type", "research")
        .put("result", new JsonObject().put("answer", "the findings"))).getString("id");
    String id = queuedTask(new JsonObject().put("depends_on", new JsonArray().add(dependency)));

    assertThat(harness.settle(AGENT, id, 1, 3).getString("settle")).isEqualTo("ack");

    assertThat(inference.lastMessageOf(0)).contains("### Task " + dependency + " (research)").contains("the findings");
  }
}
