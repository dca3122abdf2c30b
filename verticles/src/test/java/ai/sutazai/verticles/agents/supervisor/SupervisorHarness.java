package ai.sutazai.verticles.agents.supervisor;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.agents.CatalogueTexts;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * An agent supervisor on a catalogue file in a temporary directory, with test agents and, when started, a fake
 * task bus; asks its addresses and polls for what should come true.
 */
final class SupervisorHarness {

  static final int WATCH_INTERVAL_MS = 20;
  static final int WATCH_DEBOUNCE_MS = 60;
  private static final long POLL_DEADLINE_MS = 10_000;

  final Vertx vertx;
  final Path file;
  final Path plugins;
  final TestAgents agents = new TestAgents();
  final FakeTaskBus taskBus = new FakeTaskBus();
  String deploymentId;

  SupervisorHarness(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.file = dir.resolve("agents.json");
    this.plugins = dir.resolve("plugins");
    try {
      Files.createDirectories(plugins);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  SupervisorHarness withTaskBus() {
    taskBus.start(vertx, agents);
    return this;
  }

  void writeCatalogue(JsonObject... agentEntries) {
    write(CatalogueTexts.text(agentEntries));
  }

  void write(String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String fileText() {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonObject config() {
    return new JsonObject()
        .put("agents", new JsonObject().put("file", file.toString())
            .put("watch_interval_ms", WATCH_INTERVAL_MS).put("watch_debounce_ms", WATCH_DEBOUNCE_MS))
        .put("plugins", new JsonObject().put("dir", plugins.toString()));
  }

  SupervisorHarness start() {
    return start(config());
  }

  SupervisorHarness start(JsonObject config) {
    deploymentId = vertx.deployVerticle(new AgentSupervisor(agents), new DeploymentOptions().setConfig(config))
        .await();
    return this;
  }

  JsonObject ask(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body).await().body();
  }

  /** The failure of asking {@code address}, which must fail with {@code status}; its problem JSON. */
  JsonObject refusal(String address, JsonObject body, int status) {
    AtomicReference<JsonObject> problem = new AtomicReference<>();
    assertThatThrownBy(() -> ask(address, body)).isInstanceOfSatisfying(ReplyException.class, e -> {
      if (e.failureCode() != status) {
        fail("expected " + status + " but got " + e.failureCode() + ": " + e.getMessage());
      }
      problem.set(new JsonObject(e.getMessage()));
    });
    return problem.get();
  }

  JsonObject status(String id) {
    return ask(AgentAddresses.GET, new JsonObject().put("id", id));
  }

  /** The deployment id of each agent the supervisor lists, by agent id (null while none runs). */
  Map<String, String> deployments() {
    Map<String, String> ids = new TreeMap<>();
    ask(AgentAddresses.LIST, new JsonObject()).getJsonArray("agents").stream().map(JsonObject.class::cast)
        .forEach(agent -> ids.put(agent.getString("id"), agent.getString("deployment_id")));
    return ids;
  }

  /** Waits for every agent the supervisor lists to be running, and for the listed ids to be {@code ids}. */
  void awaitRunning(String... ids) {
    poll("agents " + List.of(ids) + " running", () -> {
      JsonArray listed = ask(AgentAddresses.LIST, new JsonObject()).getJsonArray("agents");
      return listed.stream().map(JsonObject.class::cast).map(a -> a.getString("id")).toList().equals(List.of(ids))
          && listed.stream().map(JsonObject.class::cast).allMatch(a -> a.getString("status").equals("running"));
    });
  }

  static void poll(String what, BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + POLL_DEADLINE_MS;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        fail("not within " + POLL_DEADLINE_MS + " ms: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for " + what);
      }
    }
  }

  /** A delivery of a task to agent {@code id}, as the task bus sends it; the agent's reply. */
  JsonObject deliver(String id, boolean hold) {
    return vertx.eventBus().<JsonObject>request(AgentAddresses.deliveries(id), delivery(hold)).await().body();
  }

  static JsonObject delivery(boolean hold) {
    return new JsonObject()
        .put("task", new JsonObject().put("id", "task-1").put("payload", new JsonObject().put("hold", hold)))
        .put("attempt", 1).put("max_attempts", 3).put("redelivered", false);
  }
}
