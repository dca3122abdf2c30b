package ai.sutazai.verticles.agents.supervisor;

import static ai.sutazai.verticles.agents.CatalogueTexts.agent;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.testing.PluginJar;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.lang.ref.WeakReference;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Redeploying an agent gracefully, with fresh plugin code and the old code released. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentSupervisorRedeployTest {

  private static final String GREETER = "plugin.Greeter";

  @TempDir
  Path dir;

  /**
   * Verifies that a redeploy stops the task bus first and that a task the old deployment holds completes
   * before that deployment's stop ends and the new one starts.
   */
  @Test
  void redeployDrainsTheOldDeploymentFirst(Vertx vertx) {
    SupervisorHarness harness = new SupervisorHarness(vertx, dir).withTaskBus();
    harness.writeCatalogue(agent("rd-001"));
    harness.start().awaitRunning("rd-001");
    String old = harness.status("rd-001").getString("deployment_id");
    Future<Message<JsonObject>> held = vertx.eventBus()
        .request(AgentAddresses.deliveries("rd-001"), SupervisorHarness.delivery(true));
    SupervisorHarness.poll("the task held", () -> harness.status("rd-001").getInteger("in_flight") == 1);

    Future<Message<JsonObject>> redeploy = vertx.eventBus()
        .request(AgentAddresses.REDEPLOY, new JsonObject().put("id", "rd-001"));
    SupervisorHarness.poll("the old deployment stopping", () -> harness.agents.events.contains("stop-started:rd-001"));
    String statusWhileDraining = harness.status("rd-001").getString("status");
    boolean oldStillDeployed = vertx.deploymentIDs().contains(old);
    harness.agents.release.complete(null);
    JsonObject answer = held.await().body();
    JsonObject redeployed = redeploy.await().body();

    assertThat(statusWhileDraining).isEqualTo("draining");
    assertThat(oldStillDeployed).isTrue();
    assertThat(answer.getString("deployment")).isEqualTo(old);
    assertThat(harness.agents.events).containsSubsequence("bus-stop:rd-001", "stop-started:rd-001",
        "task-completed:rd-001", "stop-ended:rd-001", "started:rd-001");
    assertThat(redeployed.getString("deployment_id")).isNotEqualTo(old);
    assertThat(redeployed.getLong("completed")).isEqualTo(1);
    assertThat(harness.taskBus.consumesOf("rd-001")).hasSize(2);
  }

  /**
   * Verifies that each deployment of a plugin agent gets its own class loader over the jar, that a replaced jar
   * is noticed and its new code runs, and that the old loader is closed and can be collected.
   */
  @Test
  void replacedPluginJarRunsInAFreshClassLoader(Vertx vertx) {
    SupervisorHarness harness = new SupervisorHarness(vertx, dir).withTaskBus();
    Path jar = harness.plugins.resolve("greeter.jar");
    PluginJar.write(jar, GREETER, greeter("hello from v1"));
    harness.writeCatalogue(agent("rd-011").put("class", GREETER).put("jar", "greeter.jar"), agent("rd-012"));
    harness.start().awaitRunning("rd-011", "rd-012");
    String untouched = harness.status("rd-012").getString("deployment_id");
    JsonObject first = harness.deliver("rd-011", false);

    PluginJar.write(jar, GREETER, greeter("hello from v2"));
    SupervisorHarness.poll("the new code running", () -> harness.status("rd-011").getString("status").equals("running")
        && "hello from v2".equals(harness.deliver("rd-011", false).getString("plugin")));

    assertThat(first.getString("plugin")).isEqualTo("hello from v1");
    assertThat(harness.agents.pluginLoaders).hasSize(2);
    assertThat(harness.agents.pluginLoaders.get(0).get()).isNotSameAs(harness.agents.pluginLoaders.get(1).get());
    assertThat(isClosed(harness.agents.pluginLoaders.get(0))).isTrue();
    assertThat(harness.status("rd-012").getString("deployment_id")).isEqualTo(untouched);
    WeakReference<ClassLoader> old = harness.agents.pluginLoaders.get(0);
    SupervisorHarness.poll("the old class loader collected", () -> {
      System.gc();
      return old.get() == null;
    });
  }

  /** The source of a {@code Supplier<String>} plugin whose {@code get()} answers {@code answer}. */
  private static String greeter(String answer) {
    return "package plugin;\n"
        + "public class Greeter implements java.util.function.Supplier<String> {\n"
        + "  public String get() { return \"" + answer + "\"; }\n"
        + "}\n";
  }

  /** A closed URLClassLoader finds nothing more in its jar; null when the loader is already collected. */
  private static boolean isClosed(WeakReference<ClassLoader> reference) {
    ClassLoader loader = reference.get();
    return loader == null || ((URLClassLoader) loader).findResource("plugin/Greeter.class") == null;
  }
}
