package ai.sutazai.inference;

import ai.sutazai.verticles.inference.InferenceAddresses;
import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.inference.InferenceRequest;
import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.testing.FakeOllama;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A fake Ollama plus a deployed {@link InferenceVerticle} talking to it, with helpers that submit
 * requests over the real event bus and collect their events.
 */
final class InferenceHarness {

  private static final AtomicInteger IDS = new AtomicInteger();

  private final Vertx vertx;
  private final FakeOllama fake;

  private InferenceHarness(Vertx vertx, FakeOllama fake) {
    this.vertx = vertx;
    this.fake = fake;
  }

  /** Starts a fake with these options and the verticle with this config plus the fake's URL. */
  static InferenceHarness start(Vertx vertx, FakeOllamaOptions fakeOptions, JsonObject config) {
    FakeOllama fake = FakeOllama.start(vertx, fakeOptions).await();
    JsonObject merged = config.copy();
    if (!merged.containsKey("ollama")) {
      merged.put("ollama", new JsonObject());
    }
    if (!merged.getJsonObject("ollama").containsKey("url")) {
      merged.getJsonObject("ollama").put("url", fake.url());
    }
    vertx.deployVerticle(new InferenceVerticle(), new DeploymentOptions().setConfig(merged)).await();
    return new InferenceHarness(vertx, fake);
  }

  /** Config with the given parallel slots and per-level capacity. */
  static JsonObject config(int parallel, int capacity) {
    return new JsonObject()
        .put("ollama", new JsonObject().put("parallel", parallel))
        .put("queue", new JsonObject().put("capacity", capacity));
  }

  FakeOllama fake() {
    return fake;
  }

  /** The verticle's STATUS reply. */
  JsonObject status() {
    return ask(InferenceAddresses.STATUS, new JsonObject()).await();
  }

  /** Submits a chat whose last message (the fake's label) is {@code label}. */
  RequestEvents chat(String label, Priority priority) {
    return chat(label, priority, 0);
  }

  RequestEvents chat(String label, Priority priority, long timeoutMs) {
    return chat(label, priority, timeoutMs, new JsonObject());
  }

  /** Submits a chat about {@code label} whose body also has the members of {@code extra} (options, cache). */
  RequestEvents chat(String label, Priority priority, JsonObject extra) {
    return chat(label, priority, 0, extra);
  }

  RequestEvents chat(String label, Priority priority, long timeoutMs, JsonObject extra) {
    return submit(chatRequest(label, priority, timeoutMs, extra).toJson());
  }

  /** A chat request for tinyllama about {@code label}, its body extended by {@code extra}. */
  static InferenceRequest chatRequest(String label, Priority priority, long timeoutMs, JsonObject extra) {
    JsonObject body = new JsonObject().put("messages",
        new JsonArray().add(new JsonObject().put("role", "user").put("content", label))).mergeIn(extra);
    return request(label, InferenceKind.CHAT, "tinyllama", priority, timeoutMs, body);
  }

  static InferenceRequest request(String label, InferenceKind kind, String model, Priority priority,
      long timeoutMs, JsonObject body) {
    String id = label + "-" + IDS.incrementAndGet();
    return new InferenceRequest(id, kind, model, null, priority, timeoutMs, "test.events." + id, body);
  }

  /** Submits a request in wire form, listening at its reply address first. */
  RequestEvents submit(JsonObject wire) {
    return submit(wire, event -> { });
  }

  /** Like {@link #submit(JsonObject)}, also handing every event to {@code watcher} on arrival. */
  RequestEvents submit(JsonObject wire, Consumer<JsonObject> watcher) {
    RequestEvents events = new RequestEvents(wire.getString("id"));
    vertx.eventBus().<JsonObject>consumer(wire.getString("reply_address"), m -> {
      events.receive(m.body());
      watcher.accept(m.body());
    }).completion().await();
    events.ack(vertx.eventBus().request(InferenceAddresses.SUBMIT, wire).map(reply -> reply.body()));
    events.ack().await();
    return events;
  }

  /** Submits without waiting for the acknowledgement (for requests expected to be refused). */
  RequestEvents submitExpectingRefusal(JsonObject wire) {
    RequestEvents events = new RequestEvents(wire.getString("id"));
    events.ack(vertx.eventBus().request(InferenceAddresses.SUBMIT, wire).map(reply -> reply.body()));
    return events;
  }

  void cancel(String id) {
    vertx.eventBus().send(InferenceAddresses.CANCEL, new JsonObject().put("id", id));
  }

  /** A request-reply call to one of the verticle's addresses. */
  Future<JsonObject> ask(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body).map(reply -> reply.body());
  }
}
