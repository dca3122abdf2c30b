package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.testing.Scripts;
import ai.sutazai.gateway.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Clients that hang up or stop reading: their generation is cancelled and nothing buffers without bound. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientDepartureTest {

  private static final int STREAM_BUFFER_BYTES = 4096;

  private Vertx vertx;
  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    gateway = TestGateway.start(vertx, new JsonObject()
        .put("http", new JsonObject().put("stream_buffer_bytes", STREAM_BUFFER_BYTES)));
    gateway.fake().script(Scripts.hang());
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  /** Opens a request, hangs up during it, and expects its generation cancelled. */
  private void hangUpDuring(String path, JsonObject body, boolean waitForBytes) throws Exception {
    gateway.hangUpDuring(path, body, waitForBytes);

    gateway.fake().cancelsReceived(1).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(gateway.fake().cancels()).containsExactly(gateway.fake().submitted().get(0).id());
  }

  /** Verifies that an SSE client hanging up mid-stream cancels its generation. */
  @Test
  void sseClientHangingUpCancelsTheGeneration() throws Exception {
    hangUpDuring("/api/v1/chat", TestGateway.chat("story").put("stream", true), true);
  }

  /** Verifies that an Ollama NDJSON client hanging up mid-stream cancels its generation. */
  @Test
  void ndjsonClientHangingUpCancelsTheGeneration() throws Exception {
    hangUpDuring("/api/chat", TestGateway.chat("story").put("model", "m"), true);
  }

  /** Verifies that a client waiting for a whole answer and hanging up cancels its generation. */
  @Test
  void nonStreamingClientHangingUpCancelsTheGeneration() throws Exception {
    hangUpDuring("/v1/chat/completions", TestGateway.chat("story").put("model", "m"), false);
  }

  /** Verifies that a client that stops reading gets its stream ended and its generation cancelled. */
  @Test
  void clientThatStopsReadingIsCutOffAndCancelled() throws Exception {
    gateway.fake().script(Scripts.flood(8192, 512L * 1024 * 1024));
    String body = TestGateway.chat("flood me").put("stream", true).encode();
    NetSocket socket = vertx.createNetClient().connect(gateway.port(), "127.0.0.1")
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    Promise<Void> closed = Promise.promise();
    socket.closeHandler(v -> closed.tryComplete());
    socket.handler(buffer -> { });
    socket.pause();

    socket.write(Buffer.buffer("POST /api/v1/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Authorization: " + gateway.defaultAuthorization() + "\r\n"
        + "Content-Length: " + body.length() + "\r\n\r\n" + body));

    gateway.fake().cancelsReceived(1).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(gateway.fake().cancels()).containsExactly(gateway.fake().submitted().get(0).id());
    socket.resume();
    Future<Void> ended = closed.future();
    ended.await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(ended.succeeded()).isTrue();
  }

  /** Verifies that a WebSocket client that stops reading is closed with 1008 and its conversation cancelled. */
  @Test
  void socketThatStopsReadingIsClosedAndCancelled() throws Exception {
    gateway.fake().script(Scripts.flood(8192, 512L * 1024 * 1024));
    WebSocket socket = gateway.chatSocket();
    Promise<Short> closed = Promise.promise();
    socket.closeHandler(v -> closed.tryComplete(socket.closeStatusCode()));
    socket.textMessageHandler(text -> { });
    socket.pause();

    socket.writeTextMessage(TestGateway.chat("flood me").put("type", "chat").put("id", "c1").encode());

    gateway.fake().cancelsReceived(1).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(gateway.fake().cancels()).containsExactly(gateway.fake().submitted().get(0).id());
    socket.resume();
    assertThat(closed.future().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo((short) 1008);
  }
}
