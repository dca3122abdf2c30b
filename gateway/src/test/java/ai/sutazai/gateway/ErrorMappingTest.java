package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.Scripts;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Inference failures as real HTTP statuses, request ids and priority selection. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ErrorMappingTest {

  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  private HttpResult streamingChat() throws Exception {
    return gateway.postJson("/api/v1/chat", TestGateway.chat("hi").put("stream", true));
  }

  /** Verifies that a full queue level answers 429 with Retry-After, even when a stream was asked for. */
  @Test
  void fullQueueAnswers429WithRetryAfter() throws Exception {
    gateway.fake().script(Scripts.reject(ProblemType.QUEUE_FULL.problem("the low level is full (100 waiting)")));

    HttpResult result = streamingChat();

    assertThat(result.status()).isEqualTo(429);
    assertThat(Integer.parseInt(result.header("Retry-After"))).isGreaterThanOrEqualTo(1);
    assertThat(result.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(result.json().getString("type")).isEqualTo(ProblemType.QUEUE_FULL.uri());
    assertThat(result.json().getString("detail")).isEqualTo("the low level is full (100 waiting)");
  }

  /** Verifies that a deadline passed while queued answers 504. */
  @Test
  void deadlineInTheQueueAnswers504() throws Exception {
    gateway.fake().script(Scripts.failBeforeStart(ProblemType.DEADLINE_EXCEEDED.problem("waited 5000 ms")));

    HttpResult result = streamingChat();

    assertThat(result.status()).isEqualTo(504);
    assertThat(result.json().getString("type")).isEqualTo(ProblemType.DEADLINE_EXCEEDED.uri());
  }

  /** Verifies that an unknown model answers 404 with Ollama's message. */
  @Test
  void unknownModelAnswers404() throws Exception {
    gateway.fake().script(Scripts.failBeforeStart(
        ProblemType.MODEL_NOT_FOUND.problem("model \"nope\" not found, try pulling it first")));

    HttpResult result = gateway.postJson("/api/v1/chat", TestGateway.chat("hi").put("model", "nope"));

    assertThat(result.status()).isEqualTo(404);
    assertThat(result.json().getString("detail")).contains("model \"nope\" not found");
  }

  /** Verifies that an unreachable Ollama answers 503. */
  @Test
  void unreachableOllamaAnswers503() throws Exception {
    gateway.fake().script(Scripts.failBeforeStart(ProblemType.OLLAMA_UNREACHABLE.problem(
        "Ollama is not reachable at http://localhost:11434: Connection refused")));

    HttpResult result = streamingChat();

    assertThat(result.status()).isEqualTo(503);
    assertThat(result.json().getString("type")).isEqualTo(ProblemType.OLLAMA_UNREACHABLE.uri());
  }

  /** Verifies that every surface answers 503 when the inference verticle is not deployed. */
  @Test
  void missingInferenceServiceAnswers503() throws Exception {
    gateway.fake().stop().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    List<HttpResult> results = List.of(
        streamingChat(),
        gateway.postJson("/v1/chat/completions", TestGateway.chat("hi").put("model", "m")),
        gateway.postJson("/api/generate", new JsonObject().put("model", "m").put("prompt", "p")),
        gateway.get("/api/tags"),
        gateway.get("/v1/models"),
        gateway.get("/api/v1/system/status"));

    assertThat(results).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.json().getString("type")).isEqualTo(ProblemType.SERVICE_UNAVAILABLE.uri());
    });
  }

  /** Verifies that a sane client request id is echoed on the response, the problem and the event bus. */
  @Test
  void echoesASaneRequestId() throws Exception {
    gateway.fake().script(Scripts.reject(ProblemType.QUEUE_FULL.problem("full")));
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Request-ID", "trace-42.a:b_c");

    HttpResult result = gateway.postJson("/api/v1/chat", TestGateway.chat("hi"), headers);

    assertThat(result.header("X-Request-ID")).isEqualTo("trace-42.a:b_c");
    assertThat(result.json().getString("request_id")).isEqualTo("trace-42.a:b_c");
    assertThat(gateway.fake().requestIds()).containsExactly("trace-42.a:b_c");
  }

  /** Verifies that an insane or missing request id is replaced by a fresh one on every response. */
  @Test
  void replacesAnInsaneRequestId() throws Exception {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Request-ID", "bad id with spaces");

    HttpResult bad = gateway.send(HttpMethod.GET, "/api/v1/system/health", headers, null)
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    HttpResult none = gateway.get("/api/v1/system/health");
    HttpResult notFound = gateway.get("/nowhere");

    assertThat(bad.header("X-Request-ID")).isNotEqualTo("bad id with spaces").hasSize(36);
    assertThat(none.header("X-Request-ID")).hasSize(36).isNotEqualTo(bad.header("X-Request-ID"));
    assertThat(notFound.header("X-Request-ID")).hasSize(36);
    assertThat(notFound.json().getString("request_id")).isEqualTo(notFound.header("X-Request-ID"));
  }

  /** Verifies that X-Priority sets the level, a body priority wins over it, and a bad header answers 400. */
  @Test
  void choosesPriorityFromHeaderAndBody() throws Exception {
    gateway.postJson("/api/v1/chat", TestGateway.chat("a"),
        MultiMap.caseInsensitiveMultiMap().add("X-Priority", "critical"));
    gateway.postJson("/api/v1/chat", TestGateway.chat("b").put("priority", 4),
        MultiMap.caseInsensitiveMultiMap().add("X-Priority", "1"));
    gateway.postJson("/api/v1/chat", TestGateway.chat("c"));
    HttpResult bad = gateway.postJson("/api/v1/chat", TestGateway.chat("d"),
        MultiMap.caseInsensitiveMultiMap().add("X-Priority", "soon"));

    assertThat(gateway.fake().submitted()).extracting(r -> r.priority())
        .containsExactly(Priority.CRITICAL, Priority.LOW, Priority.NORMAL);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getString("detail")).startsWith("header X-Priority must be one of");
  }

  /** Verifies that a wrong method answers 405 naming the allowed methods. */
  @Test
  void wrongMethodAnswers405WithAllow() throws Exception {
    HttpResult result = gateway.send(HttpMethod.PUT, "/api/v1/chat", null, null)
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(result.status()).isEqualTo(405);
    assertThat(result.header("Allow")).isEqualTo("POST");
  }
}
