package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.HttpResult.SseEvent;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.verticles.problem.ProblemType;
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

/** {@code /api/v1/models*} and {@code /api/v1/system/*}, whose readiness and status include storage. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModelAndSystemRoutesTest {

  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  /** Verifies that the model list names each model with size, family, quantisation and parameter size. */
  @Test
  void listsModels() throws Exception {
    HttpResult result = gateway.get("/api/v1/models");

    assertThat(result.status()).isEqualTo(200);
    JsonObject tiny = result.json().getJsonArray("models").stream().map(JsonObject.class::cast)
        .filter(m -> m.getString("name").equals("tinyllama:latest")).findFirst().orElseThrow();
    assertThat(tiny).isEqualTo(new JsonObject()
        .put("name", "tinyllama:latest").put("size", 637_700_138L).put("family", "llama")
        .put("quantization", "Q4_0").put("parameter_size", "1B")
        .put("modified_at", "2024-05-08T21:13:41.939925657-07:00"));
  }

  /** Verifies that a pull streams progress events, then done, as SSE. */
  @Test
  void pullsWithProgressEvents() throws Exception {
    HttpResult result = gateway.postJson("/api/v1/models/pull", new JsonObject().put("name", "phi3:mini"));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.header("Content-Type")).isEqualTo("text/event-stream");
    List<SseEvent> events = result.events();
    assertThat(events).extracting(SseEvent::event).containsExactly("progress", "progress", "progress", "progress",
        "done");
    assertThat(events.get(2).json()).isEqualTo(new JsonObject().put("status", "downloading sha256:abc")
        .put("digest", "sha256:abc").put("completed", 100).put("total", 100));
    assertThat(events.get(4).json().getString("model")).isEqualTo("phi3:mini");
  }

  /** Verifies that deleting a model answers 204, and 404 once it is gone. */
  @Test
  void deletesAModel() throws Exception {
    HttpResult deleted = gateway.send(HttpMethod.DELETE, "/api/v1/models/tinyllama:latest", null, null)
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    HttpResult again = gateway.send(HttpMethod.DELETE, "/api/v1/models/tinyllama:latest", null, null)
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.json().getString("type")).isEqualTo(ProblemType.MODEL_NOT_FOUND.uri());
  }

  /** Verifies that health answers up even when the inference service is gone. */
  @Test
  void healthAnswersWhileTheProcessRuns() throws Exception {
    gateway.fake().stop().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    HttpResult result = gateway.get("/api/v1/system/health");

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json()).isEqualTo(new JsonObject().put("status", "up"));
  }

  /** Verifies that readiness is 200 with its components when Ollama is reachable and PostgreSQL is up. */
  @Test
  void readyWhenOllamaAndPostgresAnswer() throws Exception {
    HttpResult result = gateway.get("/api/v1/system/ready");

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json().getString("status")).isEqualTo("ready");
    JsonObject components = result.json().getJsonObject("components");
    assertThat(components.fieldNames()).containsExactlyInAnyOrder("inference", "ollama", "postgres", "cache",
        "agents");
    assertThat(components.getJsonObject("ollama").getBoolean("reachable")).isTrue();
    assertThat(components.getJsonObject("postgres").getString("status")).isEqualTo("up");
    assertThat(components.getJsonObject("cache").getString("status")).isEqualTo("up");
  }

  /** Verifies that a cache that is down is reported but leaves the platform ready. */
  @Test
  void readyWhileOnlyTheCacheIsDown() throws Exception {
    gateway.storage().cacheDown();

    HttpResult result = gateway.get("/api/v1/system/ready");

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json().getJsonObject("components").getJsonObject("cache").getString("status"))
        .isEqualTo("down");
  }

  /** Verifies that readiness is 503 naming PostgreSQL when storage reports it down. */
  @Test
  void notReadyWhenPostgresIsDown() throws Exception {
    gateway.storage().postgresDown("connection refused");

    HttpResult result = gateway.get("/api/v1/system/ready");

    assertThat(result.status()).isEqualTo(503);
    assertThat(result.json().getString("detail")).isEqualTo("postgres is down: connection refused");
    JsonObject components = result.json().getJsonObject("components");
    assertThat(components.getJsonObject("postgres").getString("status")).isEqualTo("down");
    assertThat(components.getJsonObject("ollama").getBoolean("reachable")).isTrue();
  }

  /** Verifies that readiness is 503 with PostgreSQL down when the storage verticle does not answer. */
  @Test
  void notReadyWhenStorageDoesNotAnswer() throws Exception {
    gateway.storage().stop().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    HttpResult result = gateway.get("/api/v1/system/ready");

    assertThat(result.status()).isEqualTo(503);
    assertThat(result.json().getString("detail")).isEqualTo("storage does not answer: storage is not running");
    JsonObject postgres = result.json().getJsonObject("components").getJsonObject("postgres");
    assertThat(postgres).isEqualTo(new JsonObject().put("status", "down").put("error", "storage is not running"));
  }

  /** Verifies that readiness is 503 naming Ollama when it does not answer. */
  @Test
  void notReadyWhenOllamaIsUnreachable() throws Exception {
    gateway.fake().ollamaUnreachable("connection refused");

    HttpResult result = gateway.get("/api/v1/system/ready");

    assertThat(result.status()).isEqualTo(503);
    assertThat(result.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(result.json().getString("detail")).contains("ollama").contains("connection refused");
    assertThat(result.json().getJsonObject("components").getJsonObject("ollama").getBoolean("reachable")).isFalse();
  }

  /** Verifies that readiness is 503 naming the inference service when it is not deployed. */
  @Test
  void notReadyWhenInferenceDoesNotAnswer() throws Exception {
    gateway.fake().stop().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    HttpResult result = gateway.get("/api/v1/system/ready");

    assertThat(result.status()).isEqualTo(503);
    assertThat(result.json().getString("detail")).startsWith("inference does not answer");
    assertThat(result.json().getJsonObject("components").getJsonObject("inference").getString("status"))
        .isEqualTo("down");
  }

  /** Verifies that HEAD on health and readiness answers GET's status without a body. */
  @Test
  void healthAndReadinessAnswerHead() throws Exception {
    HttpResult health = head("/api/v1/system/health");
    HttpResult ready = head("/api/v1/system/ready");
    gateway.fake().ollamaUnreachable("connection refused");
    HttpResult notReady = head("/api/v1/system/ready");

    assertThat(health.status()).isEqualTo(200);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(notReady.status()).isEqualTo(503);
    assertThat(List.of(health, ready, notReady)).allSatisfy(r -> assertThat(r.body()).isEmpty());
  }

  private HttpResult head(String path) throws Exception {
    return gateway.send(HttpMethod.HEAD, path, null, null).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Verifies that a pull with stream false answers one JSON object and passes insecure on to the pull. */
  @Test
  void pullsWithoutStreaming() throws Exception {
    HttpResult result = gateway.postJson("/api/v1/models/pull", new JsonObject().put("name", "phi3:mini")
        .put("stream", false).put("insecure", true));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.header("Content-Type")).isEqualTo("application/json");
    assertThat(result.json()).isEqualTo(new JsonObject().put("status", "success").put("model", "phi3:mini"));
    assertThat(gateway.fake().pulls()).singleElement()
        .satisfies(pull -> assertThat(pull.getBoolean("insecure")).isTrue());
  }

  /** Verifies that status relays queue depth per level, in flight, capacity and Ollama reachability. */
  @Test
  void statusShowsTheQueue() throws Exception {
    JsonObject status = gateway.get("/api/v1/system/status").json();

    assertThat(status.getJsonObject("levels").fieldNames()).containsExactlyInAnyOrder("critical", "high", "normal",
        "low");
    assertThat(status.getJsonObject("levels").getJsonObject("normal").getInteger("capacity")).isEqualTo(100);
    assertThat(status.fieldNames()).contains("queued", "in_flight", "parallel", "ollama");
    assertThat(status.getJsonObject("storage").getJsonObject("postgres").getString("status")).isEqualTo("up");
    assertThat(status.getJsonObject("storage").getJsonObject("cache").getString("backend")).isEqualTo("redis");
  }

  /** Verifies that status still shows the queue when storage does not answer, with storage's error. */
  @Test
  void statusShowsTheStorageErrorWhenItDoesNotAnswer() throws Exception {
    gateway.storage().stop().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    HttpResult result = gateway.get("/api/v1/system/status");

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json().getJsonObject("levels")).isNotNull();
    assertThat(result.json().getJsonObject("storage"))
        .isEqualTo(new JsonObject().put("error", "storage is not running"));
  }
}
