package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.testing.EventStream;
import ai.sutazai.gateway.testing.FakeAgents;
import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.gateway.testing.TestTokens;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /api/v1/tasks/{id}/events}: a task's status changes as server-sent events, replayed then live. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskEventsTest {

  private static final String OWNER = TestTokens.DEFAULT_SUBJECT;

  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  private String seed() {
    return gateway.storage().seedTask(OWNER, FakeAgents.CAPABILITY).getString("id");
  }

  private static String events(String id) {
    return "/api/v1/tasks/" + id + "/events";
  }

  private static String statusOf(EventStream.Event event) {
    return event.json().getString("status");
  }

  /** Verifies that a finished task's recorded changes are all sent, oldest first with their ids, and the stream ends. */
  @Test
  void replaysAFinishedTaskAndEnds() throws Exception {
    String id = seed();
    gateway.storage().recordTaskChange(id, "queued");
    gateway.storage().recordTaskChange(id, "running");
    gateway.storage().recordTaskChange(id, "completed");

    HttpResult result = gateway.get(events(id));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.header("Content-Type")).isEqualTo("text/event-stream");
    assertThat(result.events()).extracting(HttpResult.SseEvent::event).containsOnly("status");
    assertThat(result.events()).extracting(e -> e.json()).containsExactlyElementsOf(gateway.storage().taskEvents(id));
    List<JsonObject> recorded = gateway.storage().taskEvents(id);
    assertThat(result.body()).startsWith("id: " + recorded.get(0).getLong("id") + "\nevent: status\n");
    assertThat(gateway.storage().calls(StorageAddresses.TASK_EVENTS).get(0)).isEqualTo(new JsonObject()
        .put("id", id).put("owner", OWNER).put("after", 0).put("limit", 200));
  }

  /** Verifies that live changes arrive once each, in order, and the stream ends at the final status. */
  @Test
  void deliversLiveChangesOnceUntilFinal() throws Exception {
    String id = seed();
    EventStream stream = gateway.openEvents(events(id), MultiMap.caseInsensitiveMultiMap());
    assertThat(statusOf(stream.next())).isEqualTo("pending");

    gateway.storage().changeTask(id, "queued");
    assertThat(statusOf(stream.next())).isEqualTo("queued");
    gateway.storage().changeTask(id, "running");
    gateway.storage().changeTask(id, "completed");
    List<String> rest = new ArrayList<>(List.of(statusOf(stream.next()), statusOf(stream.next())));
    stream.awaitEnd();

    assertThat(rest).containsExactly("running", "completed");
    assertThat(stream.drained()).isTrue();
  }

  /** Verifies that a change whose notice was lost still arrives, by the periodic read. */
  @Test
  void readsAgainWithoutANotice() throws Exception {
    String id = seed();
    EventStream stream = gateway.openEvents(events(id), MultiMap.caseInsensitiveMultiMap());
    assertThat(statusOf(stream.next())).isEqualTo("pending");

    gateway.storage().recordTaskChange(id, "cancelled");

    assertThat(statusOf(stream.next())).isEqualTo("cancelled");
    stream.awaitEnd();
  }

  /** Verifies that Last-Event-ID resumes after that event, and an id that is not a number answers 400. */
  @Test
  void resumesAfterLastEventId() throws Exception {
    String id = seed();
    gateway.storage().recordTaskChange(id, "queued");
    gateway.storage().recordTaskChange(id, "dead");
    List<JsonObject> recorded = gateway.storage().taskEvents(id);
    String firstId = String.valueOf(recorded.get(0).getLong("id"));

    HttpResult resumed = gateway.send(HttpMethod.GET, events(id),
        MultiMap.caseInsensitiveMultiMap().set("Last-Event-ID", firstId), null)
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    HttpResult bad = gateway.send(HttpMethod.GET, events(id),
        MultiMap.caseInsensitiveMultiMap().set("Last-Event-ID", "abc"), null)
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(resumed.events()).extracting(e -> e.json()).containsExactlyElementsOf(recorded.subList(1, 3));
    assertThat(gateway.storage().calls(StorageAddresses.TASK_EVENTS).get(0).getLong("after"))
        .isEqualTo(Long.parseLong(firstId));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getString("detail")).contains("header Last-Event-ID");
  }

  /** Verifies that an unknown task, or another subject's, answers 404 as a problem before any stream starts. */
  @Test
  void unknownTaskAnswers404() throws Exception {
    String theirs = gateway.storage().seedTask("someone-else", FakeAgents.CAPABILITY).getString("id");

    HttpResult unknown = gateway.get(events(UUID.randomUUID().toString()));
    HttpResult notMine = gateway.get(events(theirs));

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(notMine.status()).isEqualTo(404);
  }

  /** Verifies that storage failing mid-stream ends the stream with an error event carrying the problem. */
  @Test
  void storageFailureEndsTheStreamWithAnError() throws Exception {
    String id = seed();
    EventStream stream = gateway.openEvents(events(id), MultiMap.caseInsensitiveMultiMap());
    assertThat(statusOf(stream.next())).isEqualTo("pending");

    gateway.storage().failing(StorageAddresses.TASK_EVENTS,
        ProblemType.STORAGE_UNAVAILABLE.problem("PostgreSQL is not reachable"));
    gateway.storage().changeTask(id, "queued");
    EventStream.Event error = stream.next();
    stream.awaitEnd();

    assertThat(error.event()).isEqualTo("error");
    assertThat(error.json().getInteger("status")).isEqualTo(503);
    assertThat(error.json().getString("detail")).contains("PostgreSQL is not reachable");
  }

  /**
   * Verifies that once the client leaves, neither a change of its task nor the periodic read makes the gateway read
   * its events again.
   */
  @Test
  void clientLeavingStopsListening(Vertx vertx) throws Exception {
    String id = seed();
    EventStream stream = gateway.openEvents(events(id), MultiMap.caseInsensitiveMultiMap());
    assertThat(statusOf(stream.next())).isEqualTo("pending");

    stream.close();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestGateway.WAIT_SECONDS);
    boolean stillListening = true;
    while (stillListening && System.nanoTime() < deadline) {
      stillListening = changeIsRead(id);
    }
    assertThat(stillListening).as("the stream still reads events after its client left").isFalse();
    int reads = gateway.storage().calls(StorageAddresses.TASK_EVENTS).size();
    AtomicInteger deliveries = new AtomicInteger();
    vertx.eventBus().addInboundInterceptor(delivery -> {
      if (StorageAddresses.TASK_CHANGES.equals(delivery.message().address())) {
        deliveries.incrementAndGet();
      }
      delivery.next();
    });
    gateway.storage().changeTask(id, "running");
    // Longer than the periodic read: a stream still subscribed or still timed would have read by then.
    vertx.timer(2_500).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(gateway.storage().calls(StorageAddresses.TASK_EVENTS)).hasSize(reads);
    assertThat(deliveries).as("TASK_CHANGES consumers left").hasValue(0);
  }

  /**
   * Publishes a change of the task, then reads the task: the read travels behind the change on the gateway's
   * event loop, so once it is answered any read of events the change caused has reached storage.
   */
  private boolean changeIsRead(String id) throws Exception {
    int before = gateway.storage().calls(StorageAddresses.TASK_EVENTS).size();
    gateway.storage().changeTask(id, "queued");
    assertThat(gateway.get("/api/v1/tasks/" + id).status()).isEqualTo(200);
    return gateway.storage().calls(StorageAddresses.TASK_EVENTS).size() > before;
  }
}
