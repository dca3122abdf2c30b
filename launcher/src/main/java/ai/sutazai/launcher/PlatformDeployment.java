package ai.sutazai.launcher;

import ai.sutazai.verticles.metrics.Meters;
import ai.sutazai.verticles.metrics.ResidentMemory;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the platform's components one after another, each with the merged config, and keeps
 * their deployment ids, so that readiness and shutdown are decided in this one place.
 */
public final class PlatformDeployment {

  private static final Logger LOG = LoggerFactory.getLogger(PlatformDeployment.class);

  private final Vertx vertx;
  private final JsonObject config;
  private final List<PlatformComponent> components;
  private final Map<String, String> deploymentIds = Collections.synchronizedMap(new LinkedHashMap<>());

  public PlatformDeployment(Vertx vertx, JsonObject config, List<PlatformComponent> components) {
    this.vertx = vertx;
    this.config = config;
    this.components = List.copyOf(components);
  }

  /**
   * Registers the process's resident memory gauge, then deploys every component in order, logging what each uses
   * once it runs; fails with a {@link ComponentFailure} naming the first component that could not start.
   */
  public Future<Void> start() {
    ResidentMemory.bindTo(Meters.registry());
    Future<Void> chain = Future.succeededFuture();
    for (PlatformComponent component : components) {
      chain = chain.compose(v -> deploy(component));
    }
    return chain;
  }

  /** True once every component is deployed and none has been undeployed. */
  public boolean isStarted() {
    return deploymentIds.size() == components.size();
  }

  /** Component name to deployment id, in deployment order. */
  public Map<String, String> deploymentIds() {
    synchronized (deploymentIds) {
      return Map.copyOf(deploymentIds);
    }
  }

  /**
   * Undeploys the components in reverse order, so the gateway stops accepting (and lets its
   * streams finish) while the components behind it still serve them.
   */
  public Future<Void> stop() {
    List<PlatformComponent> reversed = new ArrayList<>(components);
    Collections.reverse(reversed);
    Future<Void> chain = Future.succeededFuture();
    for (PlatformComponent component : reversed) {
      chain = chain.compose(v -> undeploy(component));
    }
    return chain;
  }

  private Future<Void> deploy(PlatformComponent component) {
    DeploymentOptions options = new DeploymentOptions()
        .setConfig(config.copy())
        .setInstances(component.instances());
    return vertx.deployVerticle(component.verticle(), options)
        .recover(failure -> Future.failedFuture(
            new ComponentFailure(component.name() + " (" + component.address().apply(config) + ")", failure)))
        .map(id -> {
          deploymentIds.put(component.name(), id);
          component.description().apply(config).forEach(line -> LOG.info(line));
          return null;
        });
  }

  private Future<Void> undeploy(PlatformComponent component) {
    String id = deploymentIds.remove(component.name());
    if (id == null) {
      return Future.succeededFuture();
    }
    return vertx.undeploy(id)
        .recover(failure -> {
          LOG.warn("{} did not stop cleanly: {}", component.name(), ComponentFailure.describe(failure));
          return Future.succeededFuture();
        });
  }

  /** A component that failed to start; the message is one line naming it and the reason. */
  public static final class ComponentFailure extends RuntimeException {

    ComponentFailure(String component, Throwable cause) {
      super(component + " failed to start: " + describe(cause), cause, false, false);
    }

    static String describe(Throwable failure) {
      String message = failure.getMessage();
      return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
  }
}
