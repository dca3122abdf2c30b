package ai.sutazai.verticles.agents.supervisor;

import ai.sutazai.verticles.agents.AgentCatalogue;
import ai.sutazai.verticles.agents.AgentDefinition;
import ai.sutazai.verticles.agents.CatalogueChange;
import ai.sutazai.verticles.agents.PluginJars;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The catalogue in force and the agents the supervisor runs for it, by id: deploys, undeploys and redeploys
 * exactly the agents a change names and leaves every other one as it is. Used on the supervisor's event loop,
 * one change at a time.
 */
final class RunningAgents {

  private final AgentDeployer deployer;
  private final AgentMeters meters;
  private final Map<String, SupervisedAgent> agents = new TreeMap<>();
  private AgentCatalogue catalogue;
  private PluginJars jars;

  /** Takes on {@code catalogue}, whose code is {@code jars}, without deploying it yet. */
  RunningAgents(AgentDeployer deployer, AgentMeters meters, AgentCatalogue catalogue, PluginJars jars) {
    this.deployer = deployer;
    this.meters = meters;
    this.catalogue = catalogue;
    this.jars = jars;
    catalogue.agents().forEach(this::track);
  }

  /** The catalogue in force: the one the agents run, or are being brought to. */
  AgentCatalogue catalogue() {
    return catalogue;
  }

  /** The plugin jars as they were when the running code was last compared with them. */
  PluginJars jars() {
    return jars;
  }

  Optional<SupervisedAgent> get(String id) {
    return Optional.ofNullable(agents.get(id));
  }

  /** Deploys every agent of the catalogue; done when each runs, waits for the task bus, or failed. */
  Future<Void> deployAll() {
    return Future.all(agents.values().stream().map(deployer::deploy).toList()).mapEmpty();
  }

  /**
   * Puts {@code next}, whose code is {@code nextJars}, in force: undeploys the agents {@code change} removes,
   * redeploys those it changes and deploys those it adds, all at once; done when each has ended so.
   */
  Future<Void> apply(AgentCatalogue next, PluginJars nextJars, CatalogueChange change) {
    catalogue = next;
    jars = nextJars;
    List<Future<Void>> steps = new ArrayList<>();
    change.removed().forEach(agent -> steps.add(remove(agent.id())));
    change.changed().forEach(agent -> steps.add(redeploy(agents.get(agent.id()), agent)));
    change.added().forEach(agent -> steps.add(deployer.deploy(track(agent))));
    return Future.all(steps).mapEmpty();
  }

  /** Undeploys the agent and deploys {@code definition} in its place, with its plugin jar's code as it is now. */
  Future<Void> redeploy(SupervisedAgent agent, AgentDefinition definition) {
    meters.redeployed(agent.id());
    return deployer.undeploy(agent).compose(undeployed -> {
      agent.define(definition);
      return deployer.deploy(agent);
    });
  }

  /** Undeploys every agent, as at shutdown; their meters go. */
  Future<Void> stopAll() {
    return Future.all(agents.values().stream().map(deployer::undeploy).toList())
        .onComplete(stopped -> meters.removeAll())
        .mapEmpty();
  }

  /** {@code {"agents": [status, ...]}} in id order, agents still draining out of the catalogue included. */
  JsonObject list() {
    return new JsonObject().put("agents",
        new JsonArray(agents.values().stream().map(SupervisedAgent::toJson).toList()));
  }

  /**
   * {@code {"ready", "agents", "running", "failed"}}: ready once every agent of the catalogue has run or failed
   * once since it joined it.
   */
  JsonObject readiness() {
    List<SupervisedAgent> inForce = catalogue.agents().stream().map(agent -> agents.get(agent.id())).toList();
    return new JsonObject()
        .put("ready", inForce.stream().allMatch(SupervisedAgent::settledOnce))
        .put("agents", inForce.size())
        .put("running", inForce.stream().filter(agent -> agent.status() == AgentStatus.RUNNING).count())
        .put("failed", new JsonArray(inForce.stream()
            .filter(agent -> agent.status() == AgentStatus.FAILED).map(SupervisedAgent::id).toList()));
  }

  private SupervisedAgent track(AgentDefinition definition) {
    SupervisedAgent agent = new SupervisedAgent(definition);
    agents.put(definition.id(), agent);
    meters.add(agent);
    return agent;
  }

  private Future<Void> remove(String id) {
    SupervisedAgent agent = agents.get(id);
    return deployer.undeploy(agent).onComplete(undeployed -> {
      if (agents.get(id) == agent) {
        agents.remove(id);
        meters.remove(id);
      }
    });
  }
}

