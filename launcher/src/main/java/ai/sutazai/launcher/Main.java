package ai.sutazai.launcher;

import ai.sutazai.launcher.LauncherArgs.UsageException;
import ai.sutazai.launcher.config.ConfigException;
import ai.sutazai.launcher.config.ConfigLoader;
import ai.sutazai.launcher.config.LoadedConfig;
import ai.sutazai.launcher.logging.LoggingSetup;
import ai.sutazai.verticles.config.Settings;
import ai.sutazai.verticles.metrics.Meters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts SutazAI: reads the command line and the configuration, deploys the components on one
 * Vert.x instance, and on SIGTERM or SIGINT stops them gracefully. Exit codes: 0 after a clean stop
 * (or {@code --help}), 1 when a component cannot start, 2 for a bad command line or configuration.
 */
public final class Main {

  static final int EXIT_OK = 0;
  static final int EXIT_START_FAILED = 1;
  static final int EXIT_USAGE = 2;

  /** Time allowed beyond the gateway's grace period for undeploying, and for closing Vert.x. */
  private static final long STOP_MARGIN_MS = 10_000;

  private Main() {
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    LauncherArgs parsed;
    LoadedConfig config;
    try {
      parsed = LauncherArgs.parse(args);
      if (parsed.help()) {
        System.out.print(LauncherArgs.usage());
        return EXIT_OK;
      }
      config = ConfigLoader.forThisProcess(parsed.confFile()).load();
    } catch (UsageException e) {
      System.err.println("sutazai: " + e.getMessage());
      System.err.print(LauncherArgs.usage());
      return EXIT_USAGE;
    } catch (ConfigException e) {
      System.err.println("sutazai: configuration error: " + e.getMessage());
      return EXIT_USAGE;
    }
    LoggingSetup.install();
    return runPlatform(config, SutazaiComponents.all());
  }

  private static int runPlatform(LoadedConfig config, List<PlatformComponent> components) {
    Logger log = LoggerFactory.getLogger(Main.class);
    config.warnings().forEach(log::warn);
    log.info("config: {}", config.describeLayers());
    StopSignals signals = StopSignals.install();
    Vertx vertx = Vertx.vertx(Meters.enable(new VertxOptions()));
    PlatformDeployment platform = new PlatformDeployment(vertx, config.json(), components);
    try {
      platform.start().await();
    } catch (RuntimeException e) {
      log.error(e.getMessage());
      log.debug("start failure", e);
      await(vertx.close(), STOP_MARGIN_MS, "closing Vert.x", log);
      return EXIT_START_FAILED;
    }
    log.info("started in {} ms", ManagementFactory.getRuntimeMXBean().getUptime());

    String signal;
    try {
      signal = signals.awaitStop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      signal = "interrupt";
    }
    long graceMs = Settings.SHUTDOWN_GRACE_MS.longIn(config.json());
    log.info("stopping on {}", signal);
    await(platform.stop(), graceMs + STOP_MARGIN_MS, "stopping the components", log);
    await(vertx.close(), STOP_MARGIN_MS, "closing Vert.x", log);
    log.info("stopped");
    return EXIT_OK;
  }

  private static void await(Future<?> future, long timeoutMs, String what, Logger log) {
    try {
      future.await(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("{} took longer than {} ms; going on", what, timeoutMs);
    } catch (RuntimeException e) {
      log.warn("{} failed: {}", what, e.toString());
    }
  }
}
