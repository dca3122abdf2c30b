package ai.sutazai.verticles.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Checks that the fake Ollama speaks Ollama's shapes and honours its options and faults. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakeOllamaTest {

  private FakeOllama fake;
  private HttpClient client;
  private Context context;

  /** A whole HTTP answer. */
  record Reply(int status, String contentType, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }

    List<JsonObject> lines() {
      List<JsonObject> lines = new ArrayList<>();
      for (String line : body.split("\n")) {
        if (!line.isBlank()) {
          lines.add(new JsonObject(line));
        }
      }
      return lines;
    }
  }

  @BeforeEach
  void start(Vertx vertx) {
    context = vertx.getOrCreateContext();
    fake = FakeOllama.start(vertx, new FakeOllamaOptions().tokensPerAnswer(4).tokenDelayMs(1)).await();
    client = vertx.createHttpClient(new HttpClientOptions().setDefaultPort(fake.port()),
        new PoolOptions().setHttp1MaxSize(8));
  }

  @AfterEach
  void stop() {
    client.close().await();
    fake.close().await();
  }

  /**
   * One whole exchange. The chain runs on a Vert.x context: built on the test thread, a response
   * could deliver its body before {@code body()} is asked for, and the body would be lost.
   */
  private Future<Reply> call(HttpMethod method, String path, Object body) {
    Promise<Reply> reply = Promise.promise();
    context.runOnContext(v -> client.request(method, fake.port(), "127.0.0.1", path)
        .compose(request -> body == null ? request.send() : request.send(Buffer.buffer(body.toString())))
        .compose(response -> response.body().map(buffer -> new Reply(response.statusCode(),
            response.getHeader("Content-Type"), buffer.toString())))
        .onComplete(reply));
    return reply.future();
  }

  private static JsonObject chat(String content) {
    return new JsonObject().put("model", "tinyllama")
        .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", content)));
  }

  /** Verifies that a chat streams one NDJSON line per token and a final line with statistics. */
  @Test
  void chatStreamsTokensThenFinalLine() {
    Reply reply = call(HttpMethod.POST, "/api/chat", chat("hello there")).await();

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo("application/x-ndjson");
    List<JsonObject> lines = reply.lines();
    assertThat(lines).hasSize(5);
    assertThat(lines.subList(0, 4)).extracting(l -> l.getJsonObject("message").getString("content"))
        .containsExactly("t0", " t1", " t2", " t3");
    assertThat(lines.get(0).getString("model")).isEqualTo("tinyllama");
    assertThat(lines.get(0).getBoolean("done")).isFalse();
    JsonObject last = lines.get(4);
    assertThat(last.getBoolean("done")).isTrue();
    assertThat(last.getString("done_reason")).isEqualTo("stop");
    assertThat(last.getJsonObject("message").getString("content")).isEmpty();
    assertThat(last.getInteger("eval_count")).isEqualTo(4);
    assertThat(last.getInteger("prompt_eval_count")).isEqualTo(2);
    assertThat(last.fieldNames()).contains("created_at", "total_duration", "load_duration",
        "prompt_eval_duration", "eval_duration");
    assertThat(fake.recorder().started()).containsExactly("hello there");
    assertThat(fake.recorder().completed()).containsExactly("hello there");
  }

  /** Verifies that generate without streaming answers one object with the whole text and a context. */
  @Test
  void generateWithoutStreamingAnswersOneObject() {
    JsonObject body = new JsonObject().put("model", "tinyllama:latest").put("prompt", "why").put("stream", false);

    Reply reply = call(HttpMethod.POST, "/api/generate", body).await();

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    JsonObject json = reply.json();
    assertThat(json.getString("response")).isEqualTo(FakeOllama.answer(4));
    assertThat(json.getBoolean("done")).isTrue();
    assertThat(json.getJsonArray("context")).isNotEmpty();
    assertThat(fake.recorder().started()).containsExactly("why");
  }

  /** Verifies that a scripted answer replaces the numbered tokens for the requests it answers, and only those. */
  @Test
  void scriptedAnswersReplaceTheTokens() {
    fake.options().answers(body -> body.getString("prompt").equals("plan") ? "{\"steps\": []}" : null);
    JsonObject plan = new JsonObject().put("model", "tinyllama:latest").put("prompt", "plan").put("stream", false);
    JsonObject other = plan.copy().put("prompt", "why");

    assertThat(call(HttpMethod.POST, "/api/generate", plan).await().json().getString("response"))
        .isEqualTo("{\"steps\": []}");
    assertThat(call(HttpMethod.POST, "/api/generate", other).await().json().getString("response"))
        .isEqualTo(FakeOllama.answer(4));
  }

  /** Verifies that an unknown model, a missing model and bad JSON get Ollama's error answers. */
  @Test
  void errorsUseOllamasShapes() {
    Reply unknown = call(HttpMethod.POST, "/api/chat", chat("x").put("model", "nope")).await();
    Reply missing = call(HttpMethod.POST, "/api/generate", new JsonObject().put("prompt", "x")).await();
    Reply bad = call(HttpMethod.POST, "/api/chat", "{not json").await();

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().getString("error")).isEqualTo("model \"nope\" not found, try pulling it first");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().getString("error")).isEqualTo("model is required");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getString("error")).isNotBlank();
    assertThat(fake.recorder().started()).isEmpty();
  }

  /** Verifies that embed answers one deterministic vector per input, for a string or an array. */
  @Test
  void embedAnswersDeterministicVectors() {
    JsonObject one = call(HttpMethod.POST, "/api/embed",
        new JsonObject().put("model", "nomic-embed-text").put("input", "sky")).await().json();
    JsonObject two = call(HttpMethod.POST, "/api/embed", new JsonObject().put("model", "nomic-embed-text")
        .put("input", new JsonArray().add("sky").add("grass"))).await().json();

    assertThat(one.getJsonArray("embeddings")).hasSize(1);
    assertThat(one.getJsonArray("embeddings").getJsonArray(0)).hasSize(8);
    assertThat(two.getJsonArray("embeddings")).hasSize(2);
    JsonArray sky = one.getJsonArray("embeddings").getJsonArray(0);
    assertThat(two.getJsonArray("embeddings").getJsonArray(0)).isEqualTo(sky);
    assertThat(two.getJsonArray("embeddings").getJsonArray(1)).isNotEqualTo(sky);
    assertThat(two.fieldNames()).contains("model", "total_duration", "load_duration", "prompt_eval_count");
  }

  /** Verifies that tags, show, ps, version and delete answer Ollama's shapes. */
  @Test
  void adminEndpointsAnswerOllamasShapes() {
    JsonObject tags = call(HttpMethod.GET, "/api/tags", null).await().json();
    JsonObject first = tags.getJsonArray("models").getJsonObject(0);
    assertThat(first.getString("name")).isEqualTo("tinyllama:latest");
    assertThat(first.fieldNames()).contains("model", "modified_at", "size", "digest", "details");
    assertThat(first.getJsonObject("details").fieldNames())
        .contains("format", "family", "families", "parameter_size", "quantization_level");

    JsonObject show = call(HttpMethod.POST, "/api/show", new JsonObject().put("model", "tinyllama")).await().json();
    assertThat(show.fieldNames()).contains("modelfile", "parameters", "template", "details", "model_info");
    assertThat(call(HttpMethod.POST, "/api/show", new JsonObject().put("model", "zz")).await().status()).isEqualTo(404);

    call(HttpMethod.POST, "/api/chat", chat("load me")).await();
    JsonArray running = call(HttpMethod.GET, "/api/ps", null).await().json().getJsonArray("models");
    assertThat(running).extracting(m -> ((JsonObject) m).getString("name")).containsExactly("tinyllama:latest");
    assertThat(call(HttpMethod.GET, "/api/version", null).await().json().getString("version")).isEqualTo("0.6.1");

    Reply deleted = call(HttpMethod.DELETE, "/api/delete", new JsonObject().put("model", "tinyllama")).await();
    Reply again = call(HttpMethod.DELETE, "/api/delete", new JsonObject().put("model", "tinyllama")).await();
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(404);
    assertThat(fake.models().contains("tinyllama")).isFalse();
  }

  /** Verifies that a pull streams Ollama's progress lines and makes the model known. */
  @Test
  void pullStreamsProgressAndAddsTheModel() {
    Reply reply = call(HttpMethod.POST, "/api/pull", new JsonObject().put("model", "llama3.2")).await();

    List<String> statuses = reply.lines().stream().map(l -> l.getString("status")).toList();
    assertThat(statuses.get(0)).isEqualTo("pulling manifest");
    assertThat(statuses).filteredOn(s -> s.startsWith("downloading sha256:")).hasSize(8);
    assertThat(statuses.subList(statuses.size() - 3, statuses.size()))
        .containsExactly("verifying sha256 digest", "writing manifest", "success");
    JsonObject progress = reply.lines().get(1);
    assertThat(progress.fieldNames()).contains("digest", "total", "completed");
    assertThat(fake.models().contains("llama3.2:latest")).isTrue();
  }

  /** Verifies that with one slot a second generation waits its turn, and with no wait line gets 503. */
  @Test
  void parallelSlotsQueueThenReject() {
    fake.options().tokenDelayMs(20);
    Future<Reply> first = call(HttpMethod.POST, "/api/chat", chat("first"));
    fake.recorder().waitForStarted(1, 10_000).await();
    Future<Reply> second = call(HttpMethod.POST, "/api/chat", chat("second"));
    Future.all(first, second).await();

    assertThat(fake.recorder().started()).containsExactly("first", "second");
    assertThat(fake.recorder().peakRunning()).isEqualTo(1);

    fake.options().maxQueue(0).tokenDelayMs(50);
    Future<Reply> holder = call(HttpMethod.POST, "/api/chat", chat("holder"));
    fake.recorder().waitForStarted(3, 10_000).await();
    Reply rejected = call(HttpMethod.POST, "/api/chat", chat("rejected")).await();
    assertThat(rejected.status()).isEqualTo(503);
    assertThat(rejected.json().getString("error")).startsWith("server busy, please try again.");
    assertThat(holder.await().status()).isEqualTo(200);
  }

  /** Verifies that injected failures answer the next requests and a stream can break off with an error line. */
  @Test
  void faultsAreInjected() {
    fake.faults().failNextWithError(2, 500, "boom");
    assertThat(call(HttpMethod.POST, "/api/chat", chat("a")).await().status()).isEqualTo(500);
    assertThat(call(HttpMethod.GET, "/api/tags", null).await().json().getString("error")).isEqualTo("boom");
    assertThat(call(HttpMethod.GET, "/api/tags", null).await().status()).isEqualTo(200);

    fake.faults().errorMidStream(1, 2, "model runner crashed");
    List<JsonObject> lines = call(HttpMethod.POST, "/api/chat", chat("b")).await().lines();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(2).getString("error")).isEqualTo("model runner crashed");
  }

  /** Verifies that a caller closing its connection mid-stream is recorded as a hang-up and frees the slot. */
  @Test
  void hangUpIsRecordedAndFreesTheSlot() {
    fake.options().tokensPerAnswer(1000).tokenDelayMs(10);
    List<Throwable> clientSide = new CopyOnWriteArrayList<>();
    Promise<Void> reset = Promise.promise();
    context.runOnContext(v -> client.request(HttpMethod.POST, fake.port(), "127.0.0.1", "/api/chat")
        .compose(request -> request.exceptionHandler(clientSide::add).send(chat("leaver").encode())
            .compose(response -> {
              response.exceptionHandler(clientSide::add);
              return fake.recorder().waitForStarted(1, 10_000);
            })
            .compose(started -> request.reset()))
        .onComplete(reset));
    reset.future().await();

    fake.recorder().waitForHangUps(1, 10_000).await();
    assertThat(fake.recorder().hungUp()).containsExactly("leaver");
    assertThat(fake.recorder().running()).isZero();
    assertThat(clientSide).allSatisfy(e -> assertThat(e).isInstanceOf(StreamResetException.class));
    fake.options().tokensPerAnswer(2);
    assertThat(call(HttpMethod.POST, "/api/chat", chat("next")).await().status()).isEqualTo(200);
  }
}
