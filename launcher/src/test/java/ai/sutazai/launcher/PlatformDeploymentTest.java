package ai.sutazai.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.launcher.PlatformDeployment.ComponentFailure;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deployment order, recorded ids, start failures and stop order of the platform's components. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PlatformDeploymentTest {

  private final List<String> events = new CopyOnWriteArrayList<>();
  private final JsonObject config = new JsonObject().put("http", new JsonObject().put("port", 1234));

  /** Verifies that components deploy in order with the config, record their ids, and stop in reverse order. */
  @Test
  void deploysInOrderAndStopsInReverse(Vertx vertx, VertxTestContext test) {
    PlatformDeployment platform = new PlatformDeployment(vertx, config,
        List.of(component("inference", null), component("gateway", null)));

    platform.start()
        .compose(v -> {
          test.verify(() -> {
            assertThat(events).containsExactly("start inference 1234", "start gateway 1234");
            assertThat(platform.isStarted()).isTrue();
            assertThat(platform.deploymentIds()).containsOnlyKeys("inference", "gateway");
            assertThat(vertx.deploymentIDs()).containsAll(platform.deploymentIds().values());
          });
          return platform.stop();
        })
        .onComplete(test.succeeding(v -> test.verify(() -> {
          assertThat(events).endsWith("stop gateway", "stop inference");
          assertThat(platform.isStarted()).isFalse();
          assertThat(vertx.deploymentIDs()).isEmpty();
          test.completeNow();
        })));
  }

  /** Verifies that a component failing to start stops the chain with one line naming it and the reason. */
  @Test
  void failureNamesTheComponent(Vertx vertx, VertxTestContext test) {
    PlatformDeployment platform = new PlatformDeployment(vertx, config, List.of(
        component("inference", "port 1234 already in use"), component("gateway", null)));

    platform.start().onComplete(test.failing(failure -> test.verify(() -> {
      assertThat(failure).isInstanceOf(ComponentFailure.class)
          .hasMessage("inference (somewhere:1234) failed to start: port 1234 already in use");
      assertThat(events).containsExactly("start inference 1234");
      assertThat(platform.isStarted()).isFalse();
      test.completeNow();
    })));
  }

  private PlatformComponent component(String name, String startFailure) {
    return new PlatformComponent(name, () -> new VerticleBase() {
      @Override
      public Future<?> start() {
        events.add("start " + name + " " + config().getJsonObject("http").getInteger("port"));
        return startFailure == null ? Future.succeededFuture()
            : Future.failedFuture(new IllegalStateException(startFailure));
      }

      @Override
      public Future<?> stop() {
        events.add("stop " + name);
        return Future.succeededFuture();
      }
    }, 1, cfg -> "somewhere:" + cfg.getJsonObject("http").getInteger("port"), cfg -> List.of(name + ": running"));
  }
}
