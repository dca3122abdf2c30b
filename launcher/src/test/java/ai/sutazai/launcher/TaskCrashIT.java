package ai.sutazai.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.launcher.e2e.TaskApi;
import ai.sutazai.launcher.e2e.TaskLedger;
import ai.sutazai.launcher.e2e.TestAgents;
import ai.sutazai.launcher.e2e.ThrowawayDatabase;
import ai.sutazai.verticles.testing.FakeOllama;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar killed with {@code kill -9} while its agent works on tasks, then started again on the same
 * configuration: every accepted task ends, none is lost and none completes twice, whether the tasks travel over
 * RabbitMQ with an external PostgreSQL or over the in-process task bus with the embedded PostgreSQL.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 110, unit = TimeUnit.SECONDS)
class TaskCrashIT {

  private static final int TASKS = 30;
  private static final int CONCURRENCY = 5;
  private static final Duration EXIT = Duration.ofSeconds(30);
  private static final Duration SETTLING = Duration.ofSeconds(60);

  @TempDir
  Path temp;

  /** Verifies that tasks held by a killed process over RabbitMQ are delivered again and each completes once. */
  @Test
  void everyTaskEndsOnceAfterAKillOverRabbitMq(Vertx vertx) throws Exception {
    try (ThrowawayDatabase database = new ThrowawayDatabase();
         TestAgents agents = new TestAgents(temp.resolve("agents.json"), true)) {
      survivesKill(vertx, agents, Map.of("SUTAZAI_PG_URL", database.url(),
          "SUTAZAI_RABBITMQ_URL", TestAgents.RABBITMQ_URL));
    }
  }

  /**
   * Verifies that the in-process task bus hands the tasks a killed process left queued or running out again from
   * the embedded PostgreSQL's records, and each completes once.
   */
  @Test
  void everyTaskEndsOnceAfterAKillInProcess(Vertx vertx) throws Exception {
    try (TestAgents agents = new TestAgents(temp.resolve("agents.json"), false)) {
      survivesKill(vertx, agents, Map.of());
    }
  }

  private void survivesKill(Vertx vertx, TestAgents agents, Map<String, String> transport) throws Exception {
    // GIVEN a SutazAI whose one agent answers slowly, CONCURRENCY tasks at a time
    FakeOllama ollama = FakeOllama.start(vertx, new FakeOllamaOptions().parallel(CONCURRENCY)
        .firstTokenDelayMs(600).tokensPerAnswer(3).tokenDelayMs(50)).await();
    String agent = agents.id("slow");
    agents.write(TestAgents.promptAgent(agent, "slow_echo", "You answer slowly.", CONCURRENCY));
    int port = SutazaiProcess.freePort();
    Map<String, String> env = new HashMap<>(transport);
    env.putAll(Map.of("SUTAZAI_HTTP_PORT", String.valueOf(port), "SUTAZAI_OLLAMA_URL", ollama.url(),
        "SUTAZAI_OLLAMA_PARALLEL", String.valueOf(CONCURRENCY), "SUTAZAI_AGENTS_FILE", agents.file().toString(),
        "SUTAZAI_TASKS_RETRY_BACKOFF_MS", "100", "SUTAZAI_RATELIMIT_ENABLED", "false"));
    Path work = temp.resolve("work");
    TaskApi api = new TaskApi("http://127.0.0.1:" + port, TestJwt.ADMIN);
    TaskLedger ledger = new TaskLedger(api);
    Set<String> runningAtKill;

    try (SutazaiProcess first = SutazaiProcess.start(work, env)) {
      first.awaitHealthy(port);
      first.awaitTrue(() -> "running".equals(api.agent(agent).getString("status")), SutazaiProcess.STARTUP,
          "the agent running");
      for (int n = 0; n < TASKS; n++) {
        ledger.submit(agent, "slow_echo", new JsonObject().put("n", n));
      }
      first.awaitTrue(() -> api.tasks(agent, "running").size() >= 2, SETTLING, "tasks running");

      // WHEN the process is killed while it holds tasks, and started again on the same configuration
      runningAtKill = ids(api.tasks(agent, "running"));
      first.kill();
      assertThat(first.awaitExit(EXIT)).isEqualTo(137);
    }
    try (SutazaiProcess second = SutazaiProcess.start(work, env)) {
      second.awaitHealthy(port);
      second.awaitTrue(ledger::allFinal, SETTLING, "every task final");

      // THEN every task is there and completed, exactly once, those cut off by the kill at their second attempt
      ledger.assertEachCompletedOnce();
      List<JsonObject> tasks = ledger.finalTasks();
      assertThat(tasks).hasSize(TASKS).allSatisfy(task -> assertThat(task.getInteger("attempts"))
          .as("attempts of %s", task).isBetween(1, 2));
      assertThat(runningAtKill).isNotEmpty();
      assertThat(tasks.stream().filter(task -> runningAtKill.contains(task.getString("id"))))
          .as("tasks running at the kill").anySatisfy(task -> assertThat(task.getInteger("attempts")).isEqualTo(2));

      second.terminate();
      assertThat(second.awaitExit(EXIT)).isZero();
    }
  }

  private static Set<String> ids(List<JsonObject> tasks) {
    return tasks.stream().map(task -> task.getString("id")).collect(Collectors.toSet());
  }
}
