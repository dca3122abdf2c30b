package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.auth.Role;
import ai.sutazai.gateway.testing.FakeAgents;
import ai.sutazai.gateway.testing.SocketFrames;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.gateway.testing.TestTokens;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /ws/agents}: task events as they happen, each caller seeing the tasks its role allows. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentSocketTest {

  private static final int STREAM_BUFFER_BYTES = 4096;
  /** More than loopback socket buffers hold, so that a client that does not read leaves frames unsent. */
  private static final long FLOOD_BYTES = 24L * 1024 * 1024;

  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx, new JsonObject()
        .put("http", new JsonObject().put("stream_buffer_bytes", STREAM_BUFFER_BYTES)));
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  private WebSocket socket(String subject, Role role) throws Exception {
    return gateway.connect(new WebSocketConnectOptions().setURI("/ws/agents")
            .addHeader("Authorization", TestTokens.bearer(gateway.tokens().of(subject, role))))
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Subscribed once the socket answers a ping: the pong is sent after the subscription was made. */
  private static SocketFrames subscribed(WebSocket socket) throws Exception {
    SocketFrames frames = new SocketFrames(socket);
    frames.send(new JsonObject().put("type", "ping"));
    assertThat(frames.next()).isEqualTo(new JsonObject().put("type", "pong"));
    return frames;
  }

  /** A change as the socket sends it: the task's type as task_type, the frame's type task. */
  private static JsonObject asFrame(JsonObject change) {
    JsonObject frame = change.copy().put("task_type", change.getString("type"));
    return frame.put("type", "task");
  }

  /** Verifies that an admin receives every task's changes as task frames carrying the whole event. */
  @Test
  void adminSeesEveryTask() throws Exception {
    SocketFrames frames = subscribed(socket("alice", Role.ADMIN));
    String mine = gateway.storage().seedTask("alice", FakeAgents.CAPABILITY).getString("id");
    String theirs = gateway.storage().seedTask("bob", FakeAgents.CAPABILITY).getString("id");

    JsonObject first = gateway.storage().changeTask(theirs, "queued");
    JsonObject second = gateway.storage().changeTask(mine, "queued");

    assertThat(frames.next()).isEqualTo(asFrame(first));
    assertThat(frames.next()).isEqualTo(asFrame(second));
  }

  /** Verifies that a user receives only the changes of its own tasks. */
  @Test
  void userSeesOnlyItsOwnTasks() throws Exception {
    SocketFrames frames = subscribed(socket("ursula", Role.USER));
    String mine = gateway.storage().seedTask("ursula", FakeAgents.CAPABILITY).getString("id");
    String theirs = gateway.storage().seedTask("bob", FakeAgents.CAPABILITY).getString("id");

    gateway.storage().changeTask(theirs, "queued");
    gateway.storage().changeTask(mine, "queued");
    gateway.storage().changeTask(theirs, "running");
    gateway.storage().changeTask(mine, "running");

    JsonObject first = frames.next();
    assertThat(first.getString("type")).isEqualTo("task");
    assertThat(first.getString("task_id")).isEqualTo(mine);
    assertThat(first.getString("owner")).isEqualTo("ursula");
    assertThat(first.getString("task_type")).isEqualTo(FakeAgents.CAPABILITY);
    // changes arrive in the order published: bob's running change came between, and was left out
    JsonObject second = frames.next();
    assertThat(second.getString("task_id")).isEqualTo(mine);
    assertThat(second.getString("status")).isEqualTo("running");
  }

  /** Verifies that anything but a ping gets an error frame and the socket stays open. */
  @Test
  void answersOtherMessagesWithAnError() throws Exception {
    SocketFrames frames = subscribed(socket("vera", Role.VIEWER));

    frames.send(new JsonObject().put("type", "subscribe"));
    JsonObject unknown = frames.next();
    frames.sendText("{not json");
    JsonObject malformed = frames.next();
    frames.send(new JsonObject().put("type", "ping"));

    assertThat(unknown.getString("type")).isEqualTo("error");
    assertThat(unknown.getInteger("status")).isEqualTo(400);
    assertThat(unknown.getString("detail")).contains("only {\"type\":\"ping\"}");
    assertThat(malformed.getString("problem_type")).isEqualTo("urn:sutazai:problem:malformed-json");
    assertThat(frames.next()).isEqualTo(new JsonObject().put("type", "pong"));
  }

  /** Verifies that the token is checked before the upgrade, and may come as access_token. */
  @Test
  void needsATokenBeforeTheUpgrade() throws Exception {
    Throwable refused = gateway.connect(new WebSocketConnectOptions().setURI("/ws/agents"))
        .transform(done -> Future.succeededFuture(done.cause())).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    String viewer = gateway.tokens().of("vera", Role.VIEWER);
    WebSocket socket = gateway.connect(new WebSocketConnectOptions().setURI("/ws/agents?access_token=" + viewer))
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(refused).isInstanceOf(UpgradeRejectedException.class);
    assertThat(((UpgradeRejectedException) refused).getStatus()).isEqualTo(401);
    assertThat(subscribed(socket)).isNotNull();
  }

  /** Verifies that a client that stops reading is closed with 1013 once more than the buffer is unread. */
  @Test
  void slowClientIsClosedWith1013(Vertx vertx) throws Exception {
    WebSocket socket = socket("alice", Role.ADMIN);
    subscribed(socket);
    Promise<Short> closed = Promise.promise();
    socket.closeHandler(v -> closed.tryComplete(socket.closeStatusCode()));
    socket.pause();
    JsonObject big = new JsonObject().put("task_id", "t").put("owner", "alice").put("error", "x".repeat(8192));
    Promise<Void> flooded = Promise.promise();
    AtomicLong published = new AtomicLong();

    long flood = vertx.setPeriodic(1, id -> {
      for (int i = 0; i < 64; i++) {
        vertx.eventBus().publish(StorageAddresses.TASK_CHANGES, big);
      }
      if (published.addAndGet(64L * 8192) > FLOOD_BYTES) {
        flooded.tryComplete();
      }
    });
    flooded.future().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    socket.resume();
    short code = closed.future().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    vertx.cancelTimer(flood);

    assertThat(code).isEqualTo((short) 1013);
  }
}
