package ai.sutazai.launcher;

import ai.sutazai.gateway.auth.JwtKeys;
import ai.sutazai.gateway.auth.Role;
import ai.sutazai.gateway.auth.SecretFile;
import ai.sutazai.gateway.auth.TokenMinter;
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
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
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

  /** Subject and validity of the admin token printed on first start. */
  static final String FIRST_ADMIN = "admin";
  static final Duration FIRST_TOKEN_TTL = Duration.ofDays(30);

  /** Time allowed beyond the gateway's grace period for undeploying, and for closing Vert.x. */
  private static final long STOP_MARGIN_MS = 10_000;

  private Main() {
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length > 0 && args[0].equals(TokenCommand.NAME)) {
      return mintToken(Arrays.copyOfRange(args, 1, args.length));
    }
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
    LoggingSetup.install(Settings.LOG_FORMAT.stringIn(config.json()));
    return runPlatform(config, SutazaiComponents.all());
  }

  /** The {@code token} subcommand: prints one token alone on its line. */
  private static int mintToken(String[] args) {
    TokenCommand command;
    LoadedConfig config;
    try {
      command = TokenCommand.parse(args);
      config = ConfigLoader.forThisProcess(command.confFile()).load();
    } catch (UsageException e) {
      System.err.println("sutazai token: " + e.getMessage());
      System.err.print(LauncherArgs.usage());
      return EXIT_USAGE;
    } catch (ConfigException e) {
      System.err.println("sutazai token: configuration error: " + e.getMessage());
      return EXIT_USAGE;
    }
    Vertx vertx = Vertx.vertx();
    try {
      if (SecretFile.inUse(config.json())) {
        SecretFile.createIfAbsent(SecretFile.path(config.json()));
      }
      JwtKeys keys = JwtKeys.load(vertx, config.json()).await();
      System.out.println(new TokenMinter(vertx, keys, config.json())
          .mint(command.subject(), command.role(), command.ttl()));
      return EXIT_OK;
    } catch (IOException | RuntimeException e) {
      System.err.println("sutazai token: " + e.getMessage());
      return EXIT_START_FAILED;
    } finally {
      vertx.close();
    }
  }

  private static int runPlatform(LoadedConfig config, List<PlatformComponent> components) {
    Logger log = LoggerFactory.getLogger(Main.class);
    config.warnings().forEach(log::warn);
    log.info("config: {}", config.describeLayers());
    boolean secretCreated;
    try {
      secretCreated = SecretFile.inUse(config.json()) && SecretFile.createIfAbsent(SecretFile.path(config.json()));
    } catch (IOException e) {
      log.error("cannot create the JWT secret {}: {}", SecretFile.path(config.json()), e.toString());
      return EXIT_START_FAILED;
    }
    if (secretCreated) {
      log.info("authentication: created the JWT secret {} (owner-only)", SecretFile.path(config.json()));
    }
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
    if (secretCreated) {
      printFirstAdminToken(vertx, config, log);
    }

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

  /** Prints one admin token to the console, the first time SutazAI starts with the secret it made itself. */
  private static void printFirstAdminToken(Vertx vertx, LoadedConfig config, Logger log) {
    try {
      JwtKeys keys = JwtKeys.load(vertx, config.json()).await();
      String token = new TokenMinter(vertx, keys, config.json()).mint(FIRST_ADMIN, Role.ADMIN, FIRST_TOKEN_TTL);
      System.out.println("SutazAI admin token (shown this once, valid " + FIRST_TOKEN_TTL.toDays() + " days): "
          + token);
      System.out.flush();
    } catch (RuntimeException e) {
      log.warn("cannot mint the first admin token ({}); mint one with: java -jar sutazai.jar token --subject admin"
          + " --role admin --ttl 1h", e.getMessage());
    }
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
