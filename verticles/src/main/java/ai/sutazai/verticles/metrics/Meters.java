package ai.sutazai.verticles.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;

/**
 * Where SutazAI's own meters go: the Prometheus registry Vert.x publishes at {@code /metrics} when
 * it runs with {@link #enable(VertxOptions)}, or a private registry (kept, never scraped) when it
 * runs without metrics, as in most tests. Meter names follow Prometheus conventions once exported.
 */
public final class Meters {

  private static final MeterRegistry UNSCRAPED = new SimpleMeterRegistry();

  private Meters() {
  }

  /** Turns on Vert.x metrics, published in Prometheus format, with JVM and process metrics. */
  public static VertxOptions enable(VertxOptions options) {
    return options.setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
  }

  /** The registry meters are registered in. */
  public static MeterRegistry registry() {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    return registry == null ? UNSCRAPED : registry;
  }
}
