package ai.sutazai.storage;

import ai.sutazai.storage.agent.AgentMetricsSampler;
import ai.sutazai.storage.apikey.ApiKeyService;
import ai.sutazai.storage.audit.AuditService;
import ai.sutazai.storage.cache.CacheOptions;
import ai.sutazai.storage.cache.CacheService;
import ai.sutazai.storage.cache.KeyValueCache;
import ai.sutazai.storage.cache.KeyValueCaches;
import ai.sutazai.storage.cache.RateLimitCounters;
import ai.sutazai.storage.conversation.ConversationService;
import ai.sutazai.storage.conversation.HistoryWindow;
import ai.sutazai.storage.conversation.HistoryWriter;
import ai.sutazai.storage.pg.PostgresOptions;
import ai.sutazai.storage.pg.ResilientPostgres;
import ai.sutazai.storage.broker.TaskTopology;
import ai.sutazai.storage.task.TaskService;
import ai.sutazai.storage.taskbus.TaskBus;
import ai.sutazai.storage.taskbus.TaskBusOptions;
import ai.sutazai.verticles.bus.RequestLogContext;
import ai.sutazai.verticles.config.Settings;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every {@link StorageAddresses} address: conversations, API keys, the audit log and tasks in PostgreSQL
 * (embedded or external), the task bus (RabbitMQ or in-process), the key-value cache (Redis or in-process),
 * rate-limit counters in that cache, and storage status; and samples the agents' counts into
 * {@code agent_metrics} ({@link AgentMetricsSampler}). Deploy exactly one instance per Vert.x instance.
 * It starts even when PostgreSQL cannot be reached, answering conversation requests 503 until it can; it
 * fails to start only when another running SutazAI owns the embedded PostgreSQL data directory.
 */
public final class StorageVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(StorageVerticle.class);
  private static final String OWNER_MAP = "sutazai.storage";
  private static final Duration HISTORY_RETRY = Duration.ofSeconds(1);
  private static final Duration HISTORY_DRAIN = Duration.ofSeconds(10);

  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private final TaskTopology taskTopology;
  private final long taskExpirationMs;
  private ResilientPostgres postgres;
  private TaskBus taskBus;
  private HistoryWriter historyWriter;
  private KeyValueCache cache;
  private StorageMeters meters;
  private AgentMetricsSampler agentMetrics;

  /** The platform's storage verticle. */
  public StorageVerticle() {
    this(TaskTopology.standard(), 0);
  }

  /**
   * A storage verticle whose task bus uses {@code taskTopology}'s dead-letter and unroutable queues and publishes
   * tasks with a time to live of {@code taskExpirationMs} (0: the queue's hour): for tests that share a RabbitMQ.
   */
  StorageVerticle(TaskTopology taskTopology, long taskExpirationMs) {
    this.taskTopology = taskTopology;
    this.taskExpirationMs = taskExpirationMs;
  }

  @Override
  public Future<?> start() {
    JsonObject config = config();
    PostgresOptions postgresOptions;
    CacheOptions cacheOptions;
    HistoryWindow window;
    TaskBusOptions taskBusOptions;
    long agentMetricsIntervalMs;
    try {
      postgresOptions = new PostgresOptions(Settings.PG_URL.optionalStringIn(config),
        Settings.PG_POOL_SIZE.intIn(config), Duration.ofMillis(Settings.PG_CONNECT_TIMEOUT_MS.intIn(config)),
        Path.of(Settings.DATA_DIR.stringIn(config)));
      cacheOptions = CacheOptions.defaults()
        .withRedisUrl(Settings.REDIS_URL.optionalStringIn(config))
        .withInProcessMaxEntries(Settings.CACHE_MAX_ENTRIES.intIn(config));
      window = new HistoryWindow(Settings.HISTORY_MAX_MESSAGES.intIn(config),
        Settings.HISTORY_MAX_TOKENS.intIn(config));
      taskBusOptions = TaskBusOptions.fromConfig(config, taskTopology, taskExpirationMs);
      agentMetricsIntervalMs = Settings.AGENTS_METRICS_INTERVAL_MS.intIn(config);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    String owner = owners().putIfAbsent("owner", deploymentID());
    if (owner != null) {
      return Future.failedFuture(new IllegalStateException("a StorageVerticle is already deployed (" + owner
        + "); exactly one instance may own the storage connections"));
    }
    postgres = new ResilientPostgres(vertx, postgresOptions);
    historyWriter = new HistoryWriter(vertx, postgres, HISTORY_RETRY);
    TaskBus tasks = new TaskBus(vertx, postgres, taskBusOptions);
    taskBus = tasks;
    return Future.succeededFuture()
      .compose(nothing -> KeyValueCaches.open(vertx, cacheOptions))
      .compose(opened -> {
        cache = opened;
        meters = new StorageMeters(postgres, opened, historyWriter);
        CacheService cacheService = new CacheService(opened, cacheOptions);
        LOG.info("cache: {}", cacheService.describe());
        Map<String, Handler<Message<Object>>> handlers = new HashMap<>(cacheService.handlers());
        handlers.putAll(new ConversationService(postgres, window, historyWriter).handlers());
        handlers.putAll(new ApiKeyService(postgres).handlers());
        handlers.putAll(new RateLimitCounters(opened).handlers());
        handlers.putAll(new AuditService(postgres).handlers());
        handlers.putAll(new TaskService(postgres, tasks).handlers());
        handlers.putAll(tasks.handlers());
        handlers.put(StorageAddresses.STATUS, message -> message.reply(new JsonObject()
          .put("postgres", postgres.status())
          .put("cache", cacheService.status())
          .put("task_bus", tasks.status())
          .put("tasks", tasks.counts())));
        return postgres.start()
          .compose(started -> tasks.start())
          .compose(started -> register(handlers));
      })
      .onSuccess(registered -> {
        agentMetrics = new AgentMetricsSampler(vertx, postgres, agentMetricsIntervalMs);
        agentMetrics.start();
      })
      .recover(failure -> release().transform(released -> Future.failedFuture(failure)));
  }

  /**
   * Unregisters the consumers, stops the task bus, writes the exchanges still waiting (for up to
   * {@code HISTORY_DRAIN}), closes the pool, stops embedded PostgreSQL and closes the cache; idempotent.
   */
  @Override
  public Future<?> stop() {
    return release();
  }

  private Future<Void> register(Map<String, Handler<Message<Object>>> handlers) {
    List<Future<Void>> registrations = new ArrayList<>();
    handlers.forEach((address, handler) -> {
      MessageConsumer<Object> consumer = vertx.eventBus().consumer(address, RequestLogContext.around(handler));
      consumers.add(consumer);
      registrations.add(consumer.completion());
    });
    return Future.all(registrations).mapEmpty();
  }

  private Future<Void> release() {
    if (agentMetrics != null) {
      agentMetrics.stop();
      agentMetrics = null;
    }
    List<Future<Void>> steps = new ArrayList<>();
    consumers.forEach(consumer -> steps.add(consumer.unregister()));
    consumers.clear();
    Future<Void> tasksStopped = Future.succeededFuture();
    if (taskBus != null) {
      tasksStopped = taskBus.stop().recover(failure -> {
        LOG.warn("Stopping the task bus failed", failure);
        return Future.succeededFuture();
      });
      taskBus = null;
    }
    if (postgres != null) {
      ResilientPostgres closing = postgres;
      Future<Void> written = historyWriter == null ? Future.succeededFuture() : historyWriter.drain(HISTORY_DRAIN);
      steps.add(Future.join(tasksStopped, written).transform(drained -> closing.close()));
    } else {
      steps.add(tasksStopped);
    }
    if (meters != null) {
      meters.remove();
      meters = null;
    }
    if (cache != null) {
      steps.add(cache.close());
      cache = null;
    }
    owners().remove("owner", deploymentID());
    return Future.join(steps)
      .onFailure(failure -> LOG.warn("Releasing storage resources failed", failure))
      .mapEmpty();
  }

  private LocalMap<String, String> owners() {
    return vertx.sharedData().getLocalMap(OWNER_MAP);
  }
}
