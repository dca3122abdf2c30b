package ai.sutazai.verticles.agents.supervisor;

import ai.sutazai.verticles.agents.AgentActivity;
import ai.sutazai.verticles.agents.AgentDefinition;
import io.vertx.core.json.JsonObject;
import java.net.URLClassLoader;
import java.time.Instant;

/**
 * One agent the supervisor runs: its definition, the deployment that runs it now and what it has done. Changed
 * only on the supervisor's event loop; the status is read by metrics scrapes too.
 */
final class SupervisedAgent {

  private final AgentActivity activity = new AgentActivity();
  private AgentDefinition definition;
  private volatile AgentStatus status = AgentStatus.DEPLOYING;
  private String deploymentId;
  private Instant deployedAt;
  private String error;
  private URLClassLoader pluginCode;
  private boolean settledOnce;
  private int deployment;
  private long retryTimer = -1;

  SupervisedAgent(AgentDefinition definition) {
    this.definition = definition;
  }

  String id() {
    return definition.id();
  }

  AgentDefinition definition() {
    return definition;
  }

  void define(AgentDefinition next) {
    definition = next;
  }

  AgentActivity activity() {
    return activity;
  }

  AgentStatus status() {
    return status;
  }

  String deploymentId() {
    return deploymentId;
  }

  /** Whether the agent has run, or failed, once since it joined the catalogue. */
  boolean settledOnce() {
    return settledOnce;
  }

  /** Starts a new deployment and returns its number, by which late news of an older one is told apart. */
  int deploying() {
    status = AgentStatus.DEPLOYING;
    error = null;
    return ++deployment;
  }

  boolean isDeployment(int number) {
    return deployment == number;
  }

  void deployed(String id, Instant at) {
    deploymentId = id;
    deployedAt = at;
  }

  void running() {
    status = AgentStatus.RUNNING;
    settledOnce = true;
  }

  void failed(String why) {
    status = AgentStatus.FAILED;
    error = why;
    settledOnce = true;
  }

  /** Ends the current deployment's claim on the task bus; returns the timer of a pending retry to cancel, or -1. */
  long draining() {
    deployment++;
    if (deploymentId != null) {
      status = AgentStatus.DRAINING;
    }
    long timer = retryTimer;
    retryTimer = -1;
    return timer;
  }

  void stopped() {
    status = AgentStatus.STOPPED;
    deploymentId = null;
    deployedAt = null;
  }

  void retryAt(long timer) {
    retryTimer = timer;
  }

  void usePluginCode(URLClassLoader code) {
    pluginCode = code;
  }

  /** The plugin class loader of the deployment, given up by this agent (null when it has none). */
  URLClassLoader takePluginCode() {
    URLClassLoader code = pluginCode;
    pluginCode = null;
    return code;
  }

  /** The agent's status as the supervisor's addresses reply it ({@code AgentAddresses}). */
  JsonObject toJson() {
    return new JsonObject()
        .put("id", definition.id())
        .put("name", definition.name())
        .put("type", definition.type().id())
        .put("status", status.id())
        .put("instances", definition.instances())
        .put("in_flight", activity.inFlight())
        .put("completed", activity.completed())
        .put("failed", activity.failed())
        .put("deployed_at", deployedAt == null ? null : deployedAt.toString())
        .put("deployment_id", deploymentId)
        .put("error", error)
        .put("definition", definition.toJson());
  }
}
