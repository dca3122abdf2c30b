package ai.sutazai.verticles.agents.supervisor;

import ai.sutazai.verticles.agents.AgentDefinition;
import ai.sutazai.verticles.agents.AgentFactory;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URLClassLoader;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys one agent as {@code instances} worker verticles the {@link AgentFactory} makes and has the task bus
 * hand it its tasks; undeploys it gracefully: the task bus stops first, then the verticles finish or return the
 * tasks they hold in their stop, then the plugin code is closed and forgotten.
 */
final class AgentDeployer {

  private static final Logger LOG = LoggerFactory.getLogger(AgentDeployer.class);
  private static final long FIRST_RETRY_MS = 250;
  private static final long MAX_RETRY_MS = 10_000;

  private final Vertx vertx;
  private final AgentFactory factory;
  private final TaskBusLink taskBus;
  private final PluginCode plugins;
  private final JsonObject config;

  AgentDeployer(Vertx vertx, AgentFactory factory, TaskBusLink taskBus, PluginCode plugins, JsonObject config) {
    this.vertx = vertx;
    this.factory = factory;
    this.taskBus = taskBus;
    this.plugins = plugins;
    this.config = config;
  }

  /**
   * Deploys the agent as it is defined now. Never fails: the agent ends running, failed with the error, or
   * deploying while the task bus is retried with a doubling wait until it answers.
   */
  Future<Void> deploy(SupervisedAgent agent) {
    AgentDefinition definition = agent.definition();
    int deployment = agent.deploying();
    Future<URLClassLoader> code = definition.hasPlugin() ? plugins.open(definition) : Future.succeededFuture();
    return code
        .compose(loader -> {
          agent.usePluginCode(loader);
          return vertx.deployVerticle(() -> factory.create(definition, loader, agent.activity()),
              options(definition, loader));
        })
        .transform(deployed -> {
          if (deployed.failed()) {
            String why = describe(deployed.cause());
            LOG.warn("agents: {} failed to deploy: {}", definition.id(), why);
            LOG.debug("agents: {} failed to deploy", definition.id(), deployed.cause());
            agent.failed(why);
            return closeCode(agent);
          }
          agent.deployed(deployed.result(), Instant.now());
          return consume(agent, deployment, FIRST_RETRY_MS);
        });
  }

  /** Drains and undeploys the agent's deployment, if it has one, and releases its plugin code. Never fails. */
  Future<Void> undeploy(SupervisedAgent agent) {
    long retry = agent.draining();
    if (retry >= 0) {
      vertx.cancelTimer(retry);
    }
    String deploymentId = agent.deploymentId();
    Future<Void> drained = deploymentId == null ? Future.succeededFuture() : taskBus.stop(agent.id())
        .recover(failure -> {
          LOG.warn("agents: {}: the task bus did not confirm it stopped handing out its tasks: {}", agent.id(),
              describe(failure));
          return Future.succeededFuture();
        })
        .compose(stopped -> vertx.deploymentIDs().contains(deploymentId)
            ? vertx.undeploy(deploymentId) : Future.succeededFuture())
        .recover(failure -> {
          LOG.warn("agents: {} did not stop cleanly: {}", agent.id(), describe(failure), failure);
          return Future.succeededFuture();
        });
    return drained.compose(undeployed -> closeCode(agent)).onComplete(done -> agent.stopped());
  }

  private Future<Void> consume(SupervisedAgent agent, int deployment, long retryMs) {
    return taskBus.consume(agent.definition()).transform(asked -> {
      if (!agent.isDeployment(deployment)) {
        return Future.succeededFuture();
      }
      if (asked.succeeded()) {
        agent.running();
      } else {
        (retryMs == FIRST_RETRY_MS ? LOG.atWarn() : LOG.atDebug()).log(
            "agents: {} is deployed but the task bus does not hand it tasks yet ({}); trying again in {} ms",
            agent.id(), describe(asked.cause()), retryMs);
        agent.retryAt(vertx.setTimer(retryMs,
            timer -> consume(agent, deployment, Math.min(MAX_RETRY_MS, retryMs * 2))));
      }
      return Future.succeededFuture();
    });
  }

  private Future<Void> closeCode(SupervisedAgent agent) {
    URLClassLoader code = agent.takePluginCode();
    if (code == null) {
      return Future.succeededFuture();
    }
    return plugins.close(code).recover(failure -> {
      LOG.warn("agents: {}: {}", agent.id(), describe(failure), failure);
      return Future.succeededFuture();
    });
  }

  private DeploymentOptions options(AgentDefinition definition, ClassLoader code) {
    DeploymentOptions options = new DeploymentOptions()
        .setThreadingModel(ThreadingModel.WORKER)
        .setInstances(definition.instances())
        .setConfig(config.copy());
    return code == null ? options : options.setClassLoader(code);
  }

  static String describe(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getName() : message;
  }
}
