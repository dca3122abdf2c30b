package ai.sutazai.verticles.agents.supervisor;

import ai.sutazai.verticles.agents.AgentActivity;
import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.agents.AgentDefinition;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One instance of a test agent: takes deliveries at its agent's address and acks each with where it ran
 * (deployment, worker or not, the plugin's answer); a task whose payload has {@code "hold": true} finishes only
 * once {@link TestAgents#release} is completed, and the stop waits for it, as a real agent's does.
 */
final class TestAgentVerticle extends VerticleBase {

  private final AgentDefinition agent;
  private final ClassLoader pluginCode;
  private final AgentActivity activity;
  private final TestAgents agents;
  private final List<Future<Void>> inProgress = new ArrayList<>();
  private Supplier<?> plugin;
  private MessageConsumer<JsonObject> consumer;

  TestAgentVerticle(AgentDefinition agent, ClassLoader pluginCode, AgentActivity activity, TestAgents agents) {
    this.agent = agent;
    this.pluginCode = pluginCode;
    this.activity = activity;
    this.agents = agents;
  }

  @Override
  public Future<?> start() throws ReflectiveOperationException {
    if (pluginCode != null) {
      plugin = (Supplier<?>) Class.forName(agent.pluginClass(), true, pluginCode).getConstructor().newInstance();
    }
    agents.log("started:" + agent.id());
    consumer = vertx.eventBus().consumer(AgentAddresses.deliveries(agent.id()), this::take);
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    agents.log("stop-started:" + agent.id());
    return consumer.unregister()
        .compose(unregistered -> Future.join(inProgress))
        .onComplete(stopped -> agents.log("stop-ended:" + agent.id()));
  }

  private void take(Message<JsonObject> delivery) {
    activity.started();
    boolean hold = delivery.body().getJsonObject("task").getJsonObject("payload").getBoolean("hold", false);
    JsonObject where = new JsonObject()
        .put("settle", "ack")
        .put("agent", agent.id())
        .put("deployment", deploymentID())
        .put("worker", context.isWorkerContext())
        .put("plugin", plugin == null ? null : String.valueOf(plugin.get()));
    Future<Void> work = hold ? Future.fromCompletionStage(agents.release, context) : Future.succeededFuture();
    inProgress.add(work);
    work.onComplete(done -> {
      activity.ended(AgentActivity.Outcome.COMPLETED);
      agents.log("task-completed:" + agent.id());
      delivery.reply(where);
    });
  }
}
