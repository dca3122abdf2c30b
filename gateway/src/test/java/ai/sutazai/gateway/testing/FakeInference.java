package ai.sutazai.gateway.testing;

import ai.sutazai.verticles.inference.InferenceAddresses;
import ai.sutazai.verticles.inference.InferenceRequest;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A scripted stand-in for the inference verticle on the real event bus: it serves every
 * {@link InferenceAddresses} address, runs the current script for each submission, and records
 * submissions, their request-id headers and cancellations for assertions.
 */
public final class FakeInference {

  private final Vertx vertx;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private final List<InferenceRequest> submitted = new CopyOnWriteArrayList<>();
  private final List<String> requestIds = new CopyOnWriteArrayList<>();
  private final List<String> cancels = new CopyOnWriteArrayList<>();
  private final List<JsonObject> pulls = new CopyOnWriteArrayList<>();
  private final Map<String, FakeGeneration> generations = new ConcurrentHashMap<>();
  private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
  private final Map<String, JsonObject> models = new ConcurrentHashMap<>();
  private volatile Consumer<FakeGeneration> script = Scripts.answer(List.of("Hello", ",", " world"), 0);
  private volatile JsonObject ollamaStatus = new JsonObject()
      .put("url", "http://localhost:11434").put("reachable", true).put("version", "0.6.1");

  private record Waiter(List<?> records, int count, Promise<Void> promise) {
  }

  private FakeInference(Vertx vertx) {
    this.vertx = vertx;
    addModel("tinyllama:latest", "llama", "1B", "Q4_0");
    addModel("mistral:7b-instruct-q4_K_M", "llama", "7B", "Q4_K_M");
  }

  /** Registers the fake on every inference address. */
  public static Future<FakeInference> start(Vertx vertx) {
    FakeInference fake = new FakeInference(vertx);
    fake.listen(InferenceAddresses.SUBMIT, fake::submit);
    fake.listen(InferenceAddresses.CANCEL, fake::cancel);
    fake.listen(InferenceAddresses.STATUS, m -> m.reply(fake.status()));
    fake.listen(InferenceAddresses.MODELS, m -> m.reply(new JsonObject().put("models",
        new JsonArray(new ArrayList<>(fake.models.values())))));
    fake.listen(InferenceAddresses.SHOW, fake::show);
    fake.listen(InferenceAddresses.DELETE, fake::delete);
    fake.listen(InferenceAddresses.VERSION, m -> m.reply(new JsonObject().put("version", "0.6.1")));
    fake.listen(InferenceAddresses.RUNNING, m -> m.reply(new JsonObject().put("models", new JsonArray())));
    fake.listen(InferenceAddresses.PULL, fake::pull);
    return Future.all(fake.consumers.stream().map(MessageConsumer::completion).toList()).map(fake);
  }

  /** Unregisters every address, as if the inference verticle were not deployed. */
  public Future<Void> stop() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  /** What happens to each following submission. */
  public FakeInference script(Consumer<FakeGeneration> script) {
    this.script = script;
    return this;
  }

  /** Makes STATUS report Ollama as unreachable. */
  public FakeInference ollamaUnreachable(String why) {
    ollamaStatus = new JsonObject().put("url", "http://localhost:11434").put("reachable", false).put("error", why);
    return this;
  }

  public List<InferenceRequest> submitted() {
    return submitted;
  }

  /** The {@code x-request-id} header of each submission. */
  public List<String> requestIds() {
    return requestIds;
  }

  /** The ids of the CANCEL messages received. */
  public List<String> cancels() {
    return cancels;
  }

  /** The PULL messages received. */
  public List<JsonObject> pulls() {
    return pulls;
  }

  public FakeGeneration generation(String id) {
    return generations.get(id);
  }

  /** Completes once at least {@code count} CANCEL messages have arrived. */
  public Future<Void> cancelsReceived(int count) {
    return waitFor(cancels, count);
  }

  /** Completes once at least {@code count} submissions have arrived. */
  public Future<Void> submissionsReceived(int count) {
    return waitFor(submitted, count);
  }

  private Future<Void> waitFor(List<?> records, int count) {
    Promise<Void> promise = Promise.promise();
    waiters.add(new Waiter(records, count, promise));
    checkWaiters();
    return promise.future();
  }

  private void listen(String address, io.vertx.core.Handler<Message<JsonObject>> handler) {
    consumers.add(vertx.eventBus().consumer(address, handler));
  }

  private void submit(Message<JsonObject> message) {
    FakeGeneration generation = new FakeGeneration(vertx, message);
    generations.put(generation.request().id(), generation);
    submitted.add(generation.request());
    requestIds.add(String.valueOf(message.headers().get("x-request-id")));
    checkWaiters();
    script.accept(generation);
  }

  private void cancel(Message<JsonObject> message) {
    String id = message.body().getString("id");
    cancels.add(id);
    FakeGeneration generation = generations.get(id);
    if (generation != null) {
      generation.cancel();
    }
    checkWaiters();
  }

  private void checkWaiters() {
    for (Waiter waiter : waiters) {
      if (waiter.records().size() >= waiter.count()) {
        waiter.promise().tryComplete();
        waiters.remove(waiter);
      }
    }
  }

  private JsonObject status() {
    JsonObject level = new JsonObject().put("depth", 0).put("capacity", 100);
    return new JsonObject()
        .put("levels", new JsonObject().put("critical", level.copy()).put("high", level.copy())
            .put("normal", level.copy()).put("low", level.copy()))
        .put("queued", 0).put("in_flight", 0).put("parallel", 1)
        .put("ollama", ollamaStatus);
  }

  private void show(Message<JsonObject> message) {
    JsonObject model = models.get(message.body().getString("model", ""));
    if (model == null) {
      message.reply(notFound(message.body().getString("model")));
    } else {
      message.reply(new JsonObject().put("modelfile", "FROM " + model.getString("name"))
          .put("details", model.getJsonObject("details")));
    }
  }

  private void delete(Message<JsonObject> message) {
    if (models.remove(message.body().getString("model", "")) == null) {
      message.reply(notFound(message.body().getString("model")));
    } else {
      message.reply(new JsonObject());
    }
  }

  private void pull(Message<JsonObject> message) {
    String model = message.body().getString("model");
    String replyAddress = message.body().getString("reply_address");
    pulls.add(message.body());
    message.reply(new JsonObject());
    List<JsonObject> lines = List.of(
        new JsonObject().put("status", "pulling manifest"),
        new JsonObject().put("status", "downloading sha256:abc").put("digest", "sha256:abc")
            .put("total", 100).put("completed", 50),
        new JsonObject().put("status", "downloading sha256:abc").put("digest", "sha256:abc")
            .put("total", 100).put("completed", 100),
        new JsonObject().put("status", "success"));
    lines.forEach(line -> vertx.eventBus().send(replyAddress, line.copy().put("type", "progress")));
    addModel(model, "llama", "1B", "Q4_0");
    vertx.eventBus().send(replyAddress, new JsonObject().put("type", "done"));
  }

  private io.vertx.core.eventbus.ReplyException notFound(String model) {
    return ProblemType.MODEL_NOT_FOUND.problem("model \"" + model + "\" not found, try pulling it first")
        .asReplyException();
  }

  private void addModel(String name, String family, String parameterSize, String quantization) {
    models.put(name, new JsonObject()
        .put("name", name).put("model", name)
        .put("modified_at", "2024-05-08T21:13:41.939925657-07:00")
        .put("size", 637_700_138L)
        .put("digest", "2af3b81862c6be03c769683af18efdadb2c33f60ff32ab6f83e42c043d6c7816")
        .put("details", new JsonObject().put("format", "gguf").put("family", family)
            .put("families", new JsonArray().add(family)).put("parameter_size", parameterSize)
            .put("quantization_level", quantization)));
  }
}
