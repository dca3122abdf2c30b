package ai.sutazai.verticles.agents.supervisor;

import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.agents.AgentCatalogue;
import ai.sutazai.verticles.agents.AgentConfigError;
import ai.sutazai.verticles.agents.AgentDefinition;
import ai.sutazai.verticles.agents.AgentFactory;
import ai.sutazai.verticles.agents.AgentsFileWatcher;
import ai.sutazai.verticles.agents.CatalogueChange;
import ai.sutazai.verticles.agents.PluginJars;
import ai.sutazai.verticles.bus.BusMessages;
import ai.sutazai.verticles.config.Settings;
import ai.sutazai.verticles.metrics.Meters;
import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the agents of the catalogue ({@code agents.file}), each as worker verticles the {@link AgentFactory}
 * makes, and keeps them in step with the catalogue: changes of the file or of the plugin jars (seen by the
 * {@link AgentsFileWatcher}) and the changes asked for at the {@link AgentAddresses} redeploy exactly the agents
 * they touch, one change at a time, each agent drained before it is undeployed. Deploy one instance, on an
 * event loop.
 */
public final class AgentSupervisor extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AgentSupervisor.class);

  private final AgentFactory factory;
  private final ChangeQueue changes = new ChangeQueue();
  private AgentsFileWatcher watcher;
  private CatalogueCheck check;
  private RunningAgents running;
  private CatalogueEdits edits;
  private String path;

  public AgentSupervisor(AgentFactory factory) {
    this.factory = factory;
  }

  /**
   * Reads the catalogue (failing as {@link ai.sutazai.verticles.agents.AgentCatalogueFile#read} does), starts
   * deploying every agent and serves the supervisor's addresses; done before the agents run (see
   * {@link AgentAddresses#READINESS}).
   */
  @Override
  public Future<?> start() {
    path = Settings.AGENTS_FILE.stringIn(config());
    String pluginsDir = Settings.PLUGINS_DIR.stringIn(config());
    check = new CatalogueCheck(vertx, config());
    watcher = new AgentsFileWatcher(vertx, config(), new FileChanges());
    AgentDeployer deployer = new AgentDeployer(vertx, factory, new TaskBusLink(vertx),
        new PluginCode(vertx, pluginsDir), config());
    return watcher.start()
        .compose(catalogue -> PluginJars.scan(vertx, pluginsDir).map(jars -> {
          running = new RunningAgents(deployer, new AgentMeters(Meters.registry()), catalogue, jars);
          edits = new CatalogueEdits(vertx, config(), running, check, watcher);
          LOG.info("agents: deploying the {} agents of {}", catalogue.size(), path);
          changes.submit(running::deployAll);
          return catalogue;
        }))
        .compose(catalogue -> serveAll());
  }

  /** Stops watching and drains and undeploys every agent, after any change under way. */
  @Override
  public Future<?> stop() {
    watcher.stop();
    return running == null ? Future.succeededFuture() : changes.submit(running::stopAll);
  }

  private Future<?> serveAll() {
    return Future.all(List.of(
        serve(AgentAddresses.LIST, (message, body) -> Future.succeededFuture(running.list())),
        serve(AgentAddresses.GET, (message, body) -> withId(message, body,
            id -> Future.succeededFuture(edits.known(id).toJson()))),
        serve(AgentAddresses.CREATE, (message, body) -> withAgent(message, body,
            agent -> changes.submit(() -> edits.create(agent)).map(SupervisedAgent::toJson))),
        serve(AgentAddresses.UPDATE, (message, body) -> withId(message, body, id -> withAgent(message, body,
            agent -> changes.submit(() -> edits.update(id, agent)).map(SupervisedAgent::toJson)))),
        serve(AgentAddresses.DELETE, (message, body) -> withId(message, body,
            id -> changes.submit(() -> edits.delete(id)).map(deleted -> new JsonObject()))),
        serve(AgentAddresses.REDEPLOY, (message, body) -> withId(message, body, id -> changes.submit(() -> {
          SupervisedAgent agent = edits.known(id);
          return running.redeploy(agent, agent.definition()).map(redeployed -> agent.toJson());
        }))),
        serve(AgentAddresses.RELOAD, (message, body) -> reload()),
        serve(AgentAddresses.ROUTE, (message, body) -> {
          String type = BusMessages.requiredString(message, body, "type");
          Object agent = body.getValue("agent");
          if (type == null) {
            return null;
          }
          if (agent != null && !(agent instanceof String)) {
            throw ProblemType.INVALID_REQUEST.problem("'agent' must be a string, an agent's id or name")
                .asException();
          }
          return Future.succeededFuture(AgentRouter.route(running.catalogue(), type, (String) agent));
        }),
        serve(AgentAddresses.READINESS, (message, body) -> Future.succeededFuture(running.readiness()))));
  }

  /**
   * Consumes {@code address} with {@code handler}, which replies through its future or, returning null, has
   * already failed the message.
   */
  private Future<Void> serve(String address, BiFunction<Message<Object>, JsonObject, Future<JsonObject>> handler) {
    return vertx.eventBus().<Object>consumer(address, message -> {
      JsonObject body = BusMessages.jsonBody(message);
      if (body == null) {
        return;
      }
      Future<JsonObject> reply;
      try {
        reply = handler.apply(message, body);
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      if (reply != null) {
        reply.onSuccess(message::reply).onFailure(failure -> {
          if (!(failure instanceof ProblemException)) {
            LOG.error("agents: {} failed", address, failure);
          }
          BusMessages.fail(message, failure);
        });
      }
    }).completion();
  }

  private static Future<JsonObject> withId(Message<Object> message, JsonObject body,
      Function<String, Future<JsonObject>> then) {
    String id = BusMessages.requiredString(message, body, "id");
    return id == null ? null : then.apply(id);
  }

  private static Future<JsonObject> withAgent(Message<Object> message, JsonObject body,
      Function<JsonObject, Future<JsonObject>> then) {
    if (!(body.getValue("agent") instanceof JsonObject agent)) {
      BusMessages.fail(message, ProblemType.INVALID_REQUEST.problem(
          "'agent' must be an object, an agent in the catalogue's format"));
      return null;
    }
    return then.apply(agent);
  }

  /**
   * Reads the agents file and the plugin jars now and applies what differs from what runs: the file's catalogue
   * when it may run, else a {@link CatalogueRefused} failure and no change.
   */
  private Future<JsonObject> reload() {
    return changes.submit(() -> check.file().compose(checked -> {
      CatalogueChange change = CatalogueChange.between(running.catalogue(), running.jars(), checked.catalogue(),
          checked.jars());
      if (!change.isEmpty()) {
        LOG.info("agents: applying {}: {}", path, change);
      }
      return running.apply(checked.catalogue(), checked.jars(), change).map(applied -> new JsonObject()
          .put("added", ids(change.added()))
          .put("removed", ids(change.removed()))
          .put("changed", ids(change.changed())));
    }));
  }

  private static JsonArray ids(List<AgentDefinition> agents) {
    return new JsonArray(agents.stream().map(AgentDefinition::id).toList());
  }

  private void warnRefused(List<AgentConfigError> errors) {
    errors.forEach(error -> LOG.warn("agents: {} refused, the agents run as they were: {}", path, error.detail()));
  }

  /**
   * The watcher's reports. A report is the signal to read the file again when the change's turn comes, so that
   * a report overtaken by a change asked for at the supervisor's addresses is never applied stale.
   */
  private final class FileChanges implements AgentsFileWatcher.Listener {

    @Override
    public void changed(AgentCatalogue catalogue, CatalogueChange change) {
      reload().onFailure(failure -> {
        if (failure instanceof CatalogueRefused refused) {
          warnRefused(refused.errors());
        } else {
          LOG.error("agents: applying the changed {} failed", path, failure);
        }
      });
    }

    @Override
    public void refused(List<AgentConfigError> errors) {
      warnRefused(errors);
    }
  }
}
