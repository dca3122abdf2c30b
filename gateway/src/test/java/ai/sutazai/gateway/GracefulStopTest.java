package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.HttpResult.SseEvent;
import ai.sutazai.gateway.testing.Scripts;
import ai.sutazai.gateway.testing.SocketFrames;
import ai.sutazai.gateway.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Stopping the gateway: no new connections, running streams finish within the grace period, then all closes. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GracefulStopTest {

  private static final List<String> TOKENS = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

  private TestGateway gateway;

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  /**
   * Starts a streaming chat and returns its whole body once it ends; {@code started} completes on
   * the first bytes. The response handlers are in place before the request is sent.
   */
  private Future<HttpResult> streamingChat(Promise<Void> started) throws Exception {
    HttpClientRequest request = gateway.client().request(HttpMethod.POST, "/api/v1/chat")
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    request.putHeader("Content-Type", "application/json");
    request.putHeader("Authorization", gateway.defaultAuthorization());
    Promise<HttpResult> whole = Promise.promise();
    request.response().onSuccess(response -> {
      Buffer body = Buffer.buffer();
      response.handler(chunk -> {
        body.appendBuffer(chunk);
        started.tryComplete();
      });
      response.endHandler(v -> whole.complete(new HttpResult(response.statusCode(), response.headers(),
          body.toString())));
      response.exceptionHandler(whole::tryFail);
    }).onFailure(whole::tryFail);
    request.end(TestGateway.chat("slow story").put("stream", true).encode());
    return whole.future();
  }

  /** Completes once a new connection to the port is refused, trying every 20 ms for up to 10 s. */
  private static Future<Void> refusesConnections(Vertx vertx, int port) {
    NetClient client = vertx.createNetClient();
    Promise<Void> refused = Promise.promise();
    long deadline = System.currentTimeMillis() + 10_000;
    tryConnect(vertx, client, port, deadline, refused);
    return refused.future().eventually(() -> client.close());
  }

  private static void tryConnect(Vertx vertx, NetClient client, int port, long deadline, Promise<Void> refused) {
    client.connect(port, "127.0.0.1").onComplete(ar -> {
      if (ar.failed()) {
        refused.complete();
        return;
      }
      ar.result().close();
      if (System.currentTimeMillis() > deadline) {
        refused.fail("the port still accepts connections");
      } else {
        vertx.setTimer(20, t -> tryConnect(vertx, client, port, deadline, refused));
      }
    });
  }

  /** Verifies that a stream running when the gateway stops finishes whole while new connections are refused. */
  @Test
  void runningStreamFinishesWhileNewConnectionsAreRefused(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
    gateway.fake().script(Scripts.answer(TOKENS, 100));
    Promise<Void> started = Promise.promise();
    Future<HttpResult> stream = streamingChat(started);
    started.future().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    Future<Void> stopped = gateway.undeploy();
    refusesConnections(vertx, gateway.port()).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(stream.isComplete()).as("the stream still runs when new connections are refused").isFalse();
    List<SseEvent> events = stream.await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS).events();
    assertThat(events.subList(0, TOKENS.size())).extracting(e -> e.json().getString("content"))
        .containsExactlyElementsOf(TOKENS);
    assertThat(events.get(TOKENS.size()).event()).isEqualTo("done");
    stopped.await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(gateway.fake().cancels()).isEmpty();
  }

  /** Verifies that a WebSocket conversation running at stop finishes, then the server closes the socket. */
  @Test
  void runningConversationFinishesThenTheSocketCloses(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
    gateway.fake().script(Scripts.answer(TOKENS, 50));
    WebSocket socket = gateway.chatSocket();
    Promise<Short> closed = Promise.promise();
    socket.closeHandler(v -> closed.tryComplete(socket.closeStatusCode()));
    SocketFrames frames = new SocketFrames(socket);
    frames.send(TestGateway.chat("slow").put("type", "chat").put("id", "c1"));
    List<JsonObject> received = new ArrayList<>(List.of(frames.next()));

    Future<Void> stopped = gateway.undeploy();
    received.addAll(frames.until(SocketFrames.ended("c1")));

    assertThat(received).extracting(f -> f.getString("type")).containsOnly("token", "done");
    assertThat(received).filteredOn(f -> f.getString("type").equals("token")).extracting(f -> f.getString("content"))
        .containsExactlyElementsOf(TOKENS);
    assertThat(closed.future().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo((short) 1001);
    stopped.await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Verifies that a stream outliving the grace period is cut off and its generation cancelled. */
  @Test
  void streamOutlivingTheGracePeriodIsCutAndCancelled(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx, new JsonObject().put("shutdown", new JsonObject().put("grace_ms", 300)));
    gateway.fake().script(Scripts.hang());
    Promise<Void> started = Promise.promise();
    Future<HttpResult> stream = streamingChat(started);
    started.future().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    gateway.undeploy().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    gateway.fake().cancelsReceived(1).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(gateway.fake().cancels()).containsExactly(gateway.fake().submitted().get(0).id());
    try {
      stream.await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception cutOff) {
      assertThat(cutOff).isNotInstanceOf(java.util.concurrent.TimeoutException.class);
    }
    assertThat(stream.isComplete()).isTrue();
    assertThat(stream.succeeded() ? stream.result().events() : List.of()).noneMatch(e -> "done".equals(e.event()));
  }
}
