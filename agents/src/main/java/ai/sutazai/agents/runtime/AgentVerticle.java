package ai.sutazai.agents.runtime;

import ai.sutazai.verticles.agents.AgentActivity;
import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.agents.AgentDefinition;
import ai.sutazai.verticles.bus.BusMessages;
import ai.sutazai.verticles.inference.client.InferenceClient;
import ai.sutazai.verticles.metrics.CacheRequests;
import ai.sutazai.verticles.metrics.Meters;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One copy of an agent, deployed as a worker verticle: takes tasks at {@link AgentAddresses#deliveries(String)},
 * holding at most the agent's {@code max_concurrent_tasks} at once (beyond that it answers requeue), and aborts a
 * held task whose cancel storage announces on {@link StorageAddresses#TASK_CHANGES}. Stopping it first stops the
 * deliveries, then waits up to the agent's timeout for the held tasks, hands back those still running (queued
 * again, requeue) and completes once every held task has settled.
 */
public final class AgentVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(AgentVerticle.class);

  /** Chooses the behaviour of an agent; may fail, which fails the verticle's start. */
  @FunctionalInterface
  public interface BehaviourChoice {
    AgentBehaviour behaviourOf(AgentDefinition agent, ClassLoader pluginCode);
  }

  private final AgentDefinition agent;
  private final BehaviourChoice choice;
  private final ClassLoader pluginCode;
  private final AgentActivity activity;
  private final Map<String, TaskAttempt> held = new LinkedHashMap<>();
  private AgentRuntime runtime;
  private MessageConsumer<Object> deliveries;
  private MessageConsumer<JsonObject> changes;
  private Promise<Void> drained;

  public AgentVerticle(AgentDefinition agent, BehaviourChoice choice, ClassLoader pluginCode, AgentActivity activity) {
    this.agent = agent;
    this.choice = choice;
    this.pluginCode = pluginCode;
    this.activity = activity;
  }

  @Override
  public Future<?> start() {
    AgentBehaviour behaviour;
    String modelName;
    try {
      behaviour = choice.behaviourOf(agent, pluginCode);
      modelName = agent.modelIn(config());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    runtime = new AgentRuntime(vertx, agent, behaviour, modelName, new TaskStore(vertx), new AgentDirectory(vertx),
        new InferenceClient(vertx, config()),
        // shared by every agent, like the agent meters: never removed when one copy stops
        new AgentResponseCache(vertx, new CacheRequests(Meters.registry(), "agent")),
        new AgentMeters(Meters.registry(), agent.id()), activity);
    changes = vertx.eventBus().consumer(StorageAddresses.TASK_CHANGES, this::onChange);
    deliveries = vertx.eventBus().consumer(AgentAddresses.deliveries(agent.id()), this::onDelivery);
    return Future.all(changes.completion(), deliveries.completion());
  }

  private void onDelivery(Message<Object> message) {
    JsonObject body = BusMessages.jsonBody(message);
    if (body == null) {
      return;
    }
    JsonObject task = body.getValue("task") instanceof JsonObject object ? object : null;
    String taskId = task == null ? null : task.getString("id");
    if (taskId == null || !(body.getValue("attempt") instanceof Number attempt)
        || !(body.getValue("max_attempts") instanceof Number maxAttempts)) {
      BusMessages.fail(message, ProblemType.INVALID_REQUEST.problem(
          "a delivery needs 'task' with its 'id', 'attempt' and 'max_attempts'"));
      return;
    }
    if (drained != null || held.size() >= agent.maxConcurrentTasks()) {
      message.reply(Settlement.requeue());
      return;
    }
    if (!activity.hold(taskId)) {
      // the copy holding it settles it; this one goes back to the queue and is read again once that one is done
      log.info("[{}] agent {} holds this task already; the second copy goes back to the queue", taskId, agent.id());
      message.reply(Settlement.requeue());
      return;
    }
    TaskAttempt taken = new TaskAttempt(runtime, taskId, attempt.intValue(), maxAttempts.intValue());
    held.put(taskId, taken);
    taken.run().onComplete(ar -> {
      held.remove(taskId);
      activity.release(taskId);
      message.reply(ar.result());
      if (drained != null && held.isEmpty()) {
        drained.tryComplete();
      }
    });
  }

  private void onChange(Message<JsonObject> message) {
    JsonObject change = message.body();
    if (change != null && change.getBoolean("cancel_requested", false)) {
      TaskAttempt attempt = held.get(change.getString("task_id"));
      if (attempt != null) {
        attempt.cancel();
      }
    }
  }

  @Override
  public Future<?> stop() {
    drained = Promise.promise();
    if (held.isEmpty()) {
      drained.tryComplete();
    }
    long grace = vertx.setTimer(TimeUnit.SECONDS.toMillis(agent.timeoutSeconds()), t -> drained.tryComplete());
    return deliveries.unregister()
        .compose(v -> drained.future())
        .compose(v -> {
          vertx.cancelTimer(grace);
          List<TaskAttempt> left = List.copyOf(held.values());
          if (!left.isEmpty()) {
            log.info("agent {}: {} task(s) still running after {} s; handing them back", agent.id(), left.size(),
                agent.timeoutSeconds());
          }
          left.forEach(TaskAttempt::giveBack);
          return Future.join(left.stream().map(TaskAttempt::settled).toList());
        })
        .compose(v -> changes.unregister());
  }
}
