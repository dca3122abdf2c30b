package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.auth.Role;
import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.Scripts;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.gateway.testing.TestTokens;
import ai.sutazai.verticles.metrics.Meters;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's meters: open streams and bytes streamed by transport, and rate-limit rejections by
 * role, read from the registry SutazAI's meters go to.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamAndRateLimitMetersTest {

  private static final String OPEN = "sutazai.gateway.open.streams";
  private static final String BYTES = "sutazai.gateway.streamed.bytes";
  private static final List<String> TOKENS = List.of("Bonjour", ", ça", " va", " ✓");

  private final MeterRegistry registry = Meters.registry();
  private TestGateway gateway;

  @AfterEach
  void closeClients() throws Exception {
    if (gateway != null) {
      gateway.closeClients();
    }
  }

  /** Verifies that an SSE and an NDJSON answer add exactly the UTF-8 bytes their clients received. */
  @Test
  void countsTheBytesOfEachStreamedAnswerByTransport(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
    gateway.fake().script(Scripts.answer(TOKENS, 0));
    double sseBefore = bytes("sse");
    double ndjsonBefore = bytes("ndjson");

    HttpResult sse = gateway.postJson("/api/v1/chat", TestGateway.chat("hi").put("stream", true));
    HttpResult ndjson = gateway.postJson("/api/chat",
        TestGateway.chat("hi").put("model", "tinyllama").put("stream", true));

    assertThat(sse.status()).isEqualTo(200);
    assertThat(ndjson.status()).isEqualTo(200);
    assertThat(bytes("sse") - sseBefore).isEqualTo(utf8Length(sse.body()));
    assertThat(bytes("ndjson") - ndjsonBefore).isEqualTo(utf8Length(ndjson.body()));
    awaitValue("no open SSE stream", () -> open("sse"), 0);
    awaitValue("no open NDJSON stream", () -> open("ndjson"), 0);
  }

  /** Verifies that an SSE stream counts as open while it runs and no longer once its client hangs up. */
  @Test
  void anSseStreamIsOpenUntilItsClientLeaves(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
    gateway.fake().script(Scripts.hang());

    gateway.send(HttpMethod.POST, "/api/v1/chat",
        MultiMap.caseInsensitiveMultiMap().set("Content-Type", "application/json"),
        TestGateway.chat("wait").put("stream", true).encode());
    awaitValue("one open SSE stream", () -> open("sse"), 1);
    gateway.closeClients();

    awaitValue("no open SSE stream", () -> open("sse"), 0);
  }

  /** Verifies that a chat WebSocket is open until it closes and adds the bytes of the frames it got. */
  @Test
  void aWebSocketIsOpenUntilItClosesAndCountsItsFrames(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
    gateway.fake().script(Scripts.answer(TOKENS, 0));
    double before = bytes("websocket");
    WebSocket socket = gateway.chatSocket();
    BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    socket.textMessageHandler(texts::add);
    awaitValue("one open WebSocket", () -> open("websocket"), 1);

    socket.writeTextMessage(new JsonObject().put("type", "chat").put("id", "c1")
        .put("messages", TestGateway.chat("hi").getJsonArray("messages")).encode());
    long received = 0;
    String text;
    do {
      text = texts.poll(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(text).as("a frame within the wait").isNotNull();
      received += utf8Length(text);
    } while (!"done".equals(new JsonObject(text).getString("type")));
    socket.close().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(bytes("websocket") - before).isEqualTo(received);
    awaitValue("no open WebSocket", () -> open("websocket"), 0);
  }

  /** Verifies that every 429 rate-limited answer is counted against the caller's role. */
  @Test
  void countsRateLimitRejectionsByRole(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx,
        new JsonObject().put("ratelimit", new JsonObject().put("enabled", true).put("user_per_minute", 1)));
    MultiMap user = MultiMap.caseInsensitiveMultiMap().set("Authorization",
        TestTokens.bearer(gateway.tokens().of("metered-" + UUID.randomUUID(), Role.USER)));
    double userBefore = rejections("user");
    double adminBefore = rejections("admin");

    for (int i = 0; i < 3; i++) {
      gateway.send(HttpMethod.GET, "/api/v1/models", user, null).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    assertThat(rejections("user") - userBefore).isEqualTo(2);
    assertThat(rejections("admin") - adminBefore).isZero();
  }

  private double open(String transport) {
    return registry.get(OPEN).tag("transport", transport).gauge().value();
  }

  private double bytes(String transport) {
    return registry.get(BYTES).tag("transport", transport).counter().count();
  }

  private double rejections(String role) {
    return registry.get("sutazai.ratelimit.rejections").tag("role", role).counter().count();
  }

  private static long utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Polls until {@code value} reads {@code expected}, failing after the test wait. */
  private static void awaitValue(String what, DoubleSupplier value, double expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestGateway.WAIT_SECONDS);
    while (value.getAsDouble() != expected) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }
}
