package ai.sutazai.launcher;

import ai.sutazai.agents.runtime.AgentVerticles;
import ai.sutazai.agents.workflow.WorkflowService;
import ai.sutazai.gateway.GatewayVerticle;
import ai.sutazai.gateway.http.ServerTls;
import ai.sutazai.inference.InferenceVerticle;
import ai.sutazai.storage.StorageVerticle;
import ai.sutazai.verticles.agents.supervisor.AgentSupervisor;
import ai.sutazai.verticles.config.Settings;
import ai.sutazai.verticles.config.UrlCredentials;
import ai.sutazai.verticles.inference.Priority;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The components SutazAI runs, in deployment order: storage (PostgreSQL, embedded or external, the
 * cache and the task bus), the inference queue (exactly one instance, it owns the queue), the
 * workflows service, the agent supervisor with the agents of the catalogue, then the gateway in
 * front of them. Stopping goes the other way, so streams finishing during the grace period can
 * still store their history, and agents finish their tasks while storage still records them.
 */
public final class SutazaiComponents {

  private SutazaiComponents() {
  }

  /** A fresh list of the components, for one deployment. */
  public static List<PlatformComponent> all() {
    AtomicReference<GatewayVerticle> gateway = new AtomicReference<>();
    return List.of(
        new PlatformComponent("storage", StorageVerticle::new, 1,
            SutazaiComponents::storageAddress, config -> List.of()),
        new PlatformComponent("inference", InferenceVerticle::new, 1,
            config -> UrlCredentials.redact(Settings.OLLAMA_URL.stringIn(config)),
            SutazaiComponents::describeInference),
        new PlatformComponent("workflows", WorkflowService::new, 1, config -> "the agentzero-coordinator",
            config -> List.of()),
        new PlatformComponent("agents", () -> new AgentSupervisor(new AgentVerticles()), 1,
            config -> Settings.AGENTS_FILE.stringIn(config), SutazaiComponents::describeAgents),
        new PlatformComponent("gateway", () -> {
          gateway.set(new GatewayVerticle());
          return gateway.get();
        }, 1, config -> gatewayUrl(config, Settings.HTTP_PORT.intIn(config)),
            config -> describeGateway(config, gateway.get().actualPort())));
  }

  static List<String> describeInference(JsonObject config) {
    int parallel = Settings.OLLAMA_PARALLEL.intIn(config);
    return List.of(
        "ollama: " + UrlCredentials.redact(Settings.OLLAMA_URL.stringIn(config)) + ", " + parallel
            + " parallel generation"
            + (parallel == 1 ? "" : "s"),
        "inference queue: " + Priority.values().length + " levels x " + Settings.QUEUE_CAPACITY.intIn(config)
            + ", aging " + Settings.QUEUE_AGING_MS.longIn(config) + " ms, deadline "
            + Settings.QUEUE_DEADLINE_MS.longIn(config) + " ms",
        "model routing: default=" + Settings.MODELS_DEFAULT.stringIn(config)
            + ", reasoning=" + Settings.MODELS_REASONING.stringIn(config)
            + ", coding=" + Settings.MODELS_CODING.stringIn(config)
            + ", analysis=" + Settings.MODELS_ANALYSIS.stringIn(config));
  }

  static List<String> describeAgents(JsonObject config) {
    String rabbit = Settings.RABBITMQ_URL.optionalStringIn(config);
    return List.of("agents: catalogue " + Settings.AGENTS_FILE.stringIn(config) + ", plugins in "
            + Settings.PLUGINS_DIR.stringIn(config),
        "task bus: " + (rabbit == null ? "in process (embedded)" : "RabbitMQ " + UrlCredentials.redact(rabbit))
            + ", " + Settings.TASKS_MAX_ATTEMPTS.intIn(config) + " attempts per task");
  }

  static List<String> describeGateway(JsonObject config, int actualPort) {
    return List.of("gateway: " + gatewayUrl(config, actualPort) + ", bodies up to "
        + Settings.HTTP_MAX_BODY_BYTES.intIn(config) + " bytes, shutdown grace "
        + Settings.SHUTDOWN_GRACE_MS.longIn(config) + " ms");
  }

  /** Where storage keeps its data, without credentials. */
  static String storageAddress(JsonObject config) {
    String url = Settings.PG_URL.optionalStringIn(config);
    return url == null
        ? "embedded PostgreSQL in " + Settings.DATA_DIR.stringIn(config)
        : "PostgreSQL " + UrlCredentials.redact(url);
  }

  private static String gatewayUrl(JsonObject config, int port) {
    String scheme = ServerTls.configured(config) ? "https://" : "http://";
    return scheme + Settings.HTTP_HOST.stringIn(config) + ":" + port;
  }
}
