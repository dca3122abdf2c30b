package ai.sutazai.agents.backend;

import ai.sutazai.agents.model.ModelCall;
import ai.sutazai.verticles.agents.AgentDefinition;
import ai.sutazai.verticles.agents.AgentFamily;
import ai.sutazai.verticles.agents.ModelType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The senior backend developer as the catalogue describes it, and a way to wait for its results in tests. */
final class BackendAgents {

  static final String SYSTEM_PROMPT = "You are a senior backend engineer.";

  private BackendAgents() {
  }

  static SeniorBackendDeveloper developer(ModelCall model) {
    AgentDefinition agent = new AgentDefinition("ag-007", "senior-backend-developer", AgentFamily.fromId("development")
        .orElseThrow(), List.of("api_design", "code_review", "optimization", "architecture",
        "database_optimization", "microservices"), ModelType.CODING, null, SYSTEM_PROMPT, 2, 4, 600,
        new JsonObject(), null, null);
    return new SeniorBackendDeveloper(agent, model);
  }

  /** The outcome of a future that the scripted model completes at once. */
  static <T> T resultOf(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The failure of a future that the scripted model completes at once. */
  static Throwable failureOf(Future<?> future) {
    if (!future.failed()) {
      throw new AssertionError("expected a failed future, got " + (future.succeeded() ? future.result() : "incomplete"));
    }
    return future.cause();
  }
}
