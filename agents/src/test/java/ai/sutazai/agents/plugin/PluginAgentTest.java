package ai.sutazai.agents.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.agents.runtime.AgentHarness;
import ai.sutazai.agents.runtime.TestAgents;
import ai.sutazai.verticles.agents.AgentDefinition;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** How an agent with its own code is loaded and run. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PluginAgentTest {

  private AgentHarness harness;
  private URLClassLoader pluginCode;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    harness = AgentHarness.on(vertx);
    pluginCode = new URLClassLoader(new URL[0], getClass().getClassLoader());
  }

  @AfterEach
  void close() throws Exception {
    pluginCode.close();
  }

  /** Verifies that a plugin agent's tasks are performed by its class, loaded through the deployment's class loader. */
  @Test
  void runsTasksWithThePluginsCode() throws Exception {
    AgentDefinition agent = TestAgents.plugin(EchoPlugin.class.getName(), "echo.jar");
    harness.deploy(agent, pluginCode);
    String id = harness.storage.put(new JsonObject().put("type", "reverse_words")
        .put("payload", new JsonObject().put("text", "a b"))).getString("id");

    assertThat(harness.settle(agent, id, 1, 3).getString("settle")).isEqualTo("ack");

    assertThat(harness.storage.task(id).getJsonObject("result")).isEqualTo(new JsonObject()
        .put("type", "reverse_words").put("payload", new JsonObject().put("text", "a b")).put("agent", "ag-200"));
    assertThat(harness.inference.submitted).isEmpty();
    assertThat(harness.storage.cachePuts).isEmpty();
  }

  /** Verifies that a plugin class missing from its jar fails the deployment naming the agent, the class and the jar. */
  @Test
  void aMissingClassFailsTheStart() {
    AgentDefinition agent = TestAgents.plugin("com.example.Missing", "missing.jar");

    Throwable failure = harness.deployment(agent, pluginCode).toCompletionStage().handle((id, e) -> e)
        .toCompletableFuture().join();

    assertThat(failure).hasMessageContainingAll("agent ag-200", "com.example.Missing", "missing.jar",
        "the class is not in the jar");
  }

  /** Verifies that a class that is not an AgentPlugin fails the deployment saying so. */
  @Test
  void aClassOfTheWrongTypeFailsTheStart() {
    AgentDefinition agent = TestAgents.plugin(String.class.getName(), "strings.jar");

    Throwable failure = harness.deployment(agent, pluginCode).toCompletionStage().handle((id, e) -> e)
        .toCompletableFuture().join();

    assertThat(failure).hasMessageContainingAll("agent ag-200", "java.lang.String", "strings.jar",
        "does not implement " + AgentPlugin.class.getName());
  }
}
