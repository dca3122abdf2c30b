package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.testing.FakeGeneration;
import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.Scripts;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.inference.InferenceRequest;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Ollama-compatible {@code /api} surface, in Ollama's own shapes. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OllamaCompatTest {

  private static final List<String> TOKENS = List.of("Why", " not", "?");
  private static final JsonObject TIMINGS = FakeGeneration.TIMINGS;

  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
    gateway.fake().script(Scripts.answer(TOKENS, 1));
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  private static JsonObject chat() {
    return TestGateway.chat("why?").put("model", "tinyllama:latest");
  }

  private static JsonObject generate() {
    return new JsonObject().put("model", "tinyllama:latest").put("prompt", "why?");
  }

  /** Verifies that /api/chat streams NDJSON lines in Ollama's shape, ending with statistics and timings. */
  @Test
  void chatStreamsNdjsonLines() throws Exception {
    HttpResult result = gateway.postJson("/api/chat", chat());

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.header("Content-Type")).isEqualTo("application/x-ndjson");
    List<JsonObject> lines = result.lines();
    assertThat(lines).hasSize(TOKENS.size() + 1);
    for (int i = 0; i < TOKENS.size(); i++) {
      JsonObject line = lines.get(i);
      assertThat(line.fieldNames()).containsExactly("model", "created_at", "message", "done");
      assertThat(line.getJsonObject("message"))
          .isEqualTo(new JsonObject().put("role", "assistant").put("content", TOKENS.get(i)));
      assertThat(line.getBoolean("done")).isFalse();
    }
    JsonObject last = lines.get(TOKENS.size());
    assertThat(last.getBoolean("done")).isTrue();
    assertThat(last.getString("done_reason")).isEqualTo("stop");
    assertThat(last.getJsonObject("message").getString("content")).isEmpty();
    assertThat(last.fieldNames()).contains("total_duration", "load_duration", "prompt_eval_count",
        "prompt_eval_duration", "eval_count", "eval_duration");
    assertThat(last.getInteger("eval_count")).isEqualTo(TOKENS.size());
    assertThat(last.getJsonObject("timings")).isEqualTo(TIMINGS);
  }

  /** Verifies that /api/chat with stream false answers one object with the whole message. */
  @Test
  void chatAnswersOneObjectWhenNotStreaming() throws Exception {
    HttpResult result = gateway.postJson("/api/chat", chat().put("stream", false));

    assertThat(result.status()).isEqualTo(200);
    JsonObject answer = result.json();
    assertThat(answer.getString("model")).isEqualTo("tinyllama:latest");
    assertThat(answer.getString("created_at")).isNotBlank();
    assertThat(answer.getJsonObject("message").getString("content")).isEqualTo("Why not?");
    assertThat(answer.getBoolean("done")).isTrue();
    assertThat(answer.getInteger("eval_count")).isEqualTo(TOKENS.size());
    assertThat(answer.getJsonObject("timings")).isEqualTo(TIMINGS);
  }

  /** Verifies that /api/generate streams response lines and ends with context and statistics. */
  @Test
  void generateStreamsResponseLines() throws Exception {
    HttpResult result = gateway.postJson("/api/generate", generate());

    List<JsonObject> lines = result.lines();
    assertThat(lines.subList(0, TOKENS.size())).extracting(l -> l.getString("response"))
        .containsExactlyElementsOf(TOKENS);
    JsonObject last = lines.get(TOKENS.size());
    assertThat(last.getBoolean("done")).isTrue();
    assertThat(last.getString("response")).isEmpty();
    assertThat(last.getJsonArray("context")).isNotEmpty();
    assertThat(last.getJsonObject("timings")).isEqualTo(TIMINGS);
    assertThat(gateway.fake().submitted().get(0).kind()).isEqualTo(InferenceKind.GENERATE);
  }

  /** Verifies that /api/generate with stream false answers the whole response at once. */
  @Test
  void generateAnswersOneObjectWhenNotStreaming() throws Exception {
    JsonObject answer = gateway.postJson("/api/generate", generate().put("stream", false)).json();

    assertThat(answer.getString("response")).isEqualTo("Why not?");
    assertThat(answer.getBoolean("done")).isTrue();
    assertThat(answer.getString("done_reason")).isEqualTo("stop");
    assertThat(answer.getJsonObject("timings")).isEqualTo(TIMINGS);
  }

  /** Verifies that the client's body passes through, minus model, stream and the queue fields. */
  @Test
  void passesTheClientsBodyThrough() throws Exception {
    JsonObject body = chat()
        .put("options", new JsonObject().put("num_ctx", 4096))
        .put("format", "json").put("keep_alive", "5m").put("think", true)
        .put("tools", new JsonArray().add(new JsonObject().put("type", "function")))
        .put("priority", 1).put("timeout_ms", 9000);

    gateway.postJson("/api/chat", body);

    InferenceRequest request = gateway.fake().submitted().get(0);
    assertThat(request.model()).isEqualTo("tinyllama:latest");
    assertThat(request.priority().level()).isEqualTo(1);
    assertThat(request.timeoutMs()).isEqualTo(9000);
    assertThat(request.body().fieldNames())
        .containsExactlyInAnyOrder("messages", "options", "format", "keep_alive", "think", "tools");
  }

  /** Verifies that curl's default form content type is accepted, as Ollama itself does. */
  @Test
  void acceptsCurlsDefaultContentType() throws Exception {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/x-www-form-urlencoded");
    JsonObject body = generate().put("prompt", "100% sure & 50%2 = x?").put("stream", false);

    HttpResult result = gateway.send(HttpMethod.POST, "/api/generate", headers, body.encode())
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json().getString("response")).isEqualTo("Why not?");
    assertThat(gateway.fake().submitted().get(0).body().getString("prompt")).isEqualTo("100% sure & 50%2 = x?");
  }

  /** Verifies that an unknown model answers 404 with Ollama's error field. */
  @Test
  void answersAnUnknownModelWith404AndAnErrorField() throws Exception {
    gateway.fake().script(Scripts.failBeforeStart(
        ProblemType.MODEL_NOT_FOUND.problem("model \"nope\" not found, try pulling it first")));

    HttpResult result = gateway.postJson("/api/chat", chat().put("model", "nope"));

    assertThat(result.status()).isEqualTo(404);
    assertThat(result.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(result.json().getString("error")).isEqualTo("model \"nope\" not found, try pulling it first");
  }

  /** Verifies that a failure mid-stream becomes an Ollama error line. */
  @Test
  void reportsAFailureMidStreamAsAnErrorLine() throws Exception {
    gateway.fake().script(Scripts.failAfter(List.of("a"), ProblemType.OLLAMA_ERROR.problem("runner died")));

    List<JsonObject> lines = gateway.postJson("/api/generate", generate()).lines();

    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).isEqualTo(new JsonObject().put("error", "runner died"));
  }

  /** Verifies that /api/embed answers Ollama's embed shape with timings. */
  @Test
  void embeds() throws Exception {
    JsonObject body = new JsonObject().put("model", "all-minilm").put("input", new JsonArray().add("a").add("b"));

    JsonObject answer = gateway.postJson("/api/embed", body).json();

    assertThat(answer.getString("model")).isEqualTo("all-minilm");
    assertThat(answer.getJsonArray("embeddings")).isNotEmpty();
    assertThat(answer.fieldNames()).contains("total_duration", "load_duration", "prompt_eval_count");
    assertThat(answer.getJsonObject("timings")).isEqualTo(TIMINGS);
    InferenceRequest request = gateway.fake().submitted().get(0);
    assertThat(request.kind()).isEqualTo(InferenceKind.EMBED);
    assertThat(request.body().getJsonArray("input")).containsExactly("a", "b");
  }

  /** Verifies that tags, show, version and ps relay the inference service's answers. */
  @Test
  void relaysModelInformation() throws Exception {
    assertThat(gateway.get("/api/tags").json().getJsonArray("models")).hasSize(2);
    assertThat(gateway.get("/api/version").json().getString("version")).isEqualTo("0.6.1");
    assertThat(gateway.get("/api/ps").json().getJsonArray("models")).isEmpty();
    HttpResult show = gateway.postJson("/api/show", new JsonObject().put("model", "tinyllama:latest"));
    assertThat(show.json().getJsonObject("details").getString("family")).isEqualTo("llama");
    HttpResult unknown = gateway.postJson("/api/show", new JsonObject().put("name", "nope"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().getString("error")).contains("not found");
  }

  /** Verifies that /api/pull streams Ollama's progress lines ending with success. */
  @Test
  void pullsWithProgressLines() throws Exception {
    HttpResult result = gateway.postJson("/api/pull", new JsonObject().put("model", "phi3:mini"));

    assertThat(result.header("Content-Type")).isEqualTo("application/x-ndjson");
    List<JsonObject> lines = result.lines();
    assertThat(lines.get(0)).isEqualTo(new JsonObject().put("status", "pulling manifest"));
    assertThat(lines.get(1).getInteger("completed")).isEqualTo(50);
    assertThat(lines).last().isEqualTo(new JsonObject().put("status", "success"));
    assertThat(lines).filteredOn(l -> "success".equals(l.getString("status"))).hasSize(1);
  }

  /** Verifies that /api/delete answers 200 for a known model and 404 for an unknown one. */
  @Test
  void deletesModels() throws Exception {
    String known = new JsonObject().put("model", "tinyllama:latest").encode();
    MultiMap json = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    assertThat(gateway.send(HttpMethod.DELETE, "/api/delete", json, known)
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS).status()).isEqualTo(200);
    assertThat(gateway.send(HttpMethod.DELETE, "/api/delete", json, known)
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS).status()).isEqualTo(404);
  }
}
