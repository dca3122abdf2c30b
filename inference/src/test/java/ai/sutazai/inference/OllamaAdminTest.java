package ai.sutazai.inference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.inference.InferenceAddresses;
import ai.sutazai.verticles.inference.InferenceEvent;
import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Model administration through the bus: tags, show, delete, version, ps and pull (with cancel). */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OllamaAdminTest {

  private InferenceHarness harness;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    harness = InferenceHarness.start(vertx, new FakeOllamaOptions().tokensPerAnswer(3).tokenDelayMs(2),
        InferenceHarness.config(1, 10));
  }

  private Problem failureOf(Future<JsonObject> answer) {
    Throwable failure = answer.transform(result -> Future.succeededFuture(result.cause())).await();
    assertThat(failure).as("expected a failed reply").isNotNull();
    return Problem.of(failure);
  }

  private List<String> modelNames() {
    JsonArray models = harness.ask(InferenceAddresses.MODELS, new JsonObject()).await().getJsonArray("models");
    return models.stream().map(m -> ((JsonObject) m).getString("name")).toList();
  }

  /** Verifies that tags, show and version answer Ollama's JSON, and an unknown model's show fails 404. */
  @Test
  void tagsShowAndVersion() {
    assertThat(modelNames()).contains("tinyllama:latest", "nomic-embed-text:latest");
    JsonObject show = harness.ask(InferenceAddresses.SHOW, new JsonObject().put("model", "tinyllama")).await();
    assertThat(show.getJsonObject("details").getString("family")).isEqualTo("llama");
    assertThat(harness.ask(InferenceAddresses.VERSION, new JsonObject()).await().getString("version"))
        .isEqualTo("0.6.1");

    Problem unknown = failureOf(harness.ask(InferenceAddresses.SHOW, new JsonObject().put("model", "nope")));
    assertThat(unknown.status()).isEqualTo(404);
    Problem missing = failureOf(harness.ask(InferenceAddresses.SHOW, new JsonObject()));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.detail()).contains("'model'");
  }

  /** Verifies that ps lists a model once a chat has loaded it. */
  @Test
  void psListsLoadedModels() {
    assertThat(harness.ask(InferenceAddresses.RUNNING, new JsonObject()).await().getJsonArray("models")).isEmpty();

    harness.chat("load it", Priority.NORMAL).awaitDone();

    JsonArray running = harness.ask(InferenceAddresses.RUNNING, new JsonObject()).await().getJsonArray("models");
    assertThat(running).hasSize(1);
    assertThat(running.getJsonObject(0).getString("name")).isEqualTo("tinyllama:latest");
  }

  /** Verifies that delete removes a model (answering {}), and deleting it again fails 404. */
  @Test
  void deleteThenDeleteAgain() {
    JsonObject model = new JsonObject().put("model", "tinyllama:latest");
    JsonObject deleted = harness.ask(InferenceAddresses.DELETE, model).await();
    Problem again = failureOf(harness.ask(InferenceAddresses.DELETE, model));

    assertThat(deleted).isEqualTo(new JsonObject());
    assertThat(modelNames()).doesNotContain("tinyllama:latest");
    assertThat(again.type()).isEqualTo(ProblemType.MODEL_NOT_FOUND.uri());
    assertThat(again.status()).isEqualTo(404);
  }

  /** Verifies that a pull acknowledges, streams progress events, ends with done and makes the model known. */
  @Test
  void pullStreamsProgressThenDone() {
    RequestEvents events = new RequestEvents("pull-1");
    vertx.eventBus().<JsonObject>consumer("test.pull.1", m -> events.receive(m.body())).completion().await();

    JsonObject ack = harness.ask(InferenceAddresses.PULL, new JsonObject()
        .put("id", "pull-1").put("model", "llama3.2").put("reply_address", "test.pull.1")).await();
    JsonObject done = events.awaitDone();

    assertThat(ack).isEqualTo(new JsonObject());
    List<JsonObject> progress = events.events().stream()
        .filter(e -> InferenceEvent.type(e).equals(InferenceEvent.PROGRESS)).toList();
    assertThat(progress.get(0).getString("status")).isEqualTo("pulling manifest");
    assertThat(progress).anySatisfy(p -> assertThat(p.fieldNames()).contains("digest", "total", "completed"));
    assertThat(progress.get(progress.size() - 1).getString("status")).isEqualTo("writing manifest");
    assertThat(done.getString("model")).isEqualTo("llama3.2");
    assertThat(done.getString("status")).isEqualTo("success");
    assertThat(modelNames()).contains("llama3.2:latest");
  }

  /** Verifies that a running pull can be cancelled by id: it ends cancelled and Ollama sees the hang-up. */
  @Test
  void pullCanBeCancelled() {
    harness.fake().options().tokenDelayMs(100);
    RequestEvents events = new RequestEvents("pull-2");
    vertx.eventBus().<JsonObject>consumer("test.pull.2", m -> events.receive(m.body())).completion().await();
    harness.ask(InferenceAddresses.PULL, new JsonObject()
        .put("id", "pull-2").put("model", "mistral:latest").put("reply_address", "test.pull.2")).await();

    harness.cancel("pull-2");
    Problem problem = events.awaitProblem();

    assertThat(problem.type()).isEqualTo(ProblemType.CANCELLED.uri());
    harness.fake().recorder().waitForHangUps(1, 10_000).await();
    assertThat(harness.fake().recorder().hungUp()).containsExactly("pull:mistral:latest");
    assertThat(modelNames()).doesNotContain("mistral:latest");
  }

  /** Verifies that admin calls fail with Ollama's mapped problem when Ollama fails them. */
  @Test
  void adminFailuresAreMapped() {
    harness.fake().faults().failNextWithError(1, 500, "disk full");

    Problem problem = failureOf(harness.ask(InferenceAddresses.MODELS, new JsonObject()));

    assertThat(problem.status()).isEqualTo(502);
    assertThat(problem.detail()).contains("disk full");
  }

  /** Verifies that a pull with a field of the wrong type is refused at once, naming the field, and can be retried. */
  @Test
  void pullWithWrongTypesIsRefused() {
    Problem insecure = failureOf(harness.ask(InferenceAddresses.PULL, new JsonObject()
        .put("id", "pull-3").put("model", "mistral:latest").put("reply_address", "test.pull.3").put("insecure", "yes")));
    Problem id = failureOf(harness.ask(InferenceAddresses.PULL, new JsonObject()
        .put("id", 7).put("model", "mistral:latest").put("reply_address", "test.pull.3")));

    assertThat(insecure.status()).isEqualTo(400);
    assertThat(insecure.detail()).contains("insecure");
    assertThat(id.detail()).contains("id");
    assertThat(harness.fake().recorder().requestCount("/api/pull")).isZero();
    vertx.eventBus().<JsonObject>consumer("test.pull.3", m -> { }).completion().await();
    harness.ask(InferenceAddresses.PULL, new JsonObject()
        .put("id", "pull-3").put("model", "mistral:latest").put("reply_address", "test.pull.3")).await();
  }
}
