package ai.sutazai.agents.runtime;

import ai.sutazai.verticles.agents.AgentActivity;
import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.agents.AgentDefinition;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** An agent deployed as the supervisor deploys it, in front of fake storage and inference, and deliveries to it. */
public final class AgentHarness {

  static final long WAIT_SECONDS = 20;

  public final Vertx vertx;
  public final FakeStorage storage;
  public final FakeInference inference;
  public final AgentActivity activity = new AgentActivity();

  private AgentHarness(Vertx vertx) throws Exception {
    this.vertx = vertx;
    this.storage = FakeStorage.serving(vertx);
    this.inference = FakeInference.serving(vertx);
  }

  public static AgentHarness on(Vertx vertx) throws Exception {
    return new AgentHarness(vertx);
  }

  /** Deploys one worker copy of {@code agent} through {@link AgentVerticles}; returns the deployment id. */
  public String deploy(AgentDefinition agent, ClassLoader pluginCode) throws Exception {
    return deployment(agent, pluginCode).await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  public String deploy(AgentDefinition agent) throws Exception {
    return deploy(agent, null);
  }

  public Future<String> deployment(AgentDefinition agent, ClassLoader pluginCode) {
    return vertx.deployVerticle(() -> new AgentVerticles().create(agent, pluginCode, activity),
        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER));
  }

  /** Hands attempt {@code attempt} of {@code max} of the stored task {@code taskId} to {@code agent}. */
  public Future<JsonObject> deliver(AgentDefinition agent, String taskId, int attempt, int max) {
    JsonObject delivery = new JsonObject().put("task", storage.task(taskId)).put("attempt", attempt)
        .put("max_attempts", max).put("redelivered", false);
    return vertx.eventBus().<JsonObject>request(AgentAddresses.deliveries(agent.id()), delivery,
        new DeliveryOptions().setSendTimeout(TimeUnit.SECONDS.toMillis(WAIT_SECONDS))).map(Message::body);
  }

  public JsonObject settle(AgentDefinition agent, String taskId, int attempt, int max) throws Exception {
    return deliver(agent, taskId, attempt, max).await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Waits until {@code condition} holds, polling, for at most {@link #WAIT_SECONDS}. */
  public static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the condition did not hold within " + WAIT_SECONDS + " s");
      }
      Thread.sleep(10);
    }
  }
}
