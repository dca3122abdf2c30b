package ai.sutazai.inference;

import ai.sutazai.inference.cache.InferenceCache;
import ai.sutazai.inference.cache.InferenceCachePolicy;
import ai.sutazai.inference.ollama.OllamaClient;
import ai.sutazai.inference.ollama.OllamaEndpoint;
import ai.sutazai.inference.queue.PriorityInferenceQueue;
import ai.sutazai.verticles.bus.BusMessages;
import ai.sutazai.verticles.bus.RequestLogContext;
import ai.sutazai.verticles.config.Settings;
import ai.sutazai.verticles.inference.InferenceAddresses;
import ai.sutazai.verticles.inference.InferenceRequest;
import ai.sutazai.verticles.metrics.Meters;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the inference queue in front of Ollama and the inference cache beside it, and serves every
 * {@link InferenceAddresses} address. Deploy exactly one instance per Vert.x instance (a second one
 * refuses to start); its start completes once every consumer is registered.
 */
public final class InferenceVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(InferenceVerticle.class);
  private static final String OWNER_MAP = "sutazai.inference";
  private static final long PROBE_TIMEOUT_MS = 2_000;

  private OllamaClient ollama;
  private ModelRouter router;
  private CacheFirstAdmission admission;
  private OllamaAdminService admin;
  private InferenceMeters meters;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    OllamaEndpoint endpoint = OllamaEndpoint.parse(Settings.OLLAMA_URL.stringIn(config));
    int parallel = Settings.OLLAMA_PARALLEL.intIn(config);
    int capacity = Settings.QUEUE_CAPACITY.intIn(config);
    long agingMs = Settings.QUEUE_AGING_MS.longIn(config);
    long deadlineMs = Settings.QUEUE_DEADLINE_MS.longIn(config);
    int connectTimeoutMs = Settings.OLLAMA_CONNECT_TIMEOUT_MS.intIn(config);
    int busyRetries = Settings.OLLAMA_BUSY_RETRIES.intIn(config);
    String owner = owners().putIfAbsent("owner", deploymentID());
    if (owner != null) {
      return Future.failedFuture(new IllegalStateException("an InferenceVerticle is already deployed ("
          + owner + "); exactly one instance may own the inference queue"));
    }

    ollama = new OllamaClient(vertx, endpoint, parallel, connectTimeoutMs, busyRetries);
    router = new ModelRouter(config);
    meters = new InferenceMeters(Meters.registry());
    InferenceScheduler scheduler = new InferenceScheduler(vertx, ollama,
        new PriorityInferenceQueue<>(capacity, agingMs), parallel, deadlineMs, meters);
    meters.watch(scheduler);
    InferenceCachePolicy cachePolicy = InferenceCachePolicy.of(config);
    InferenceCache cache = new InferenceCache(vertx.eventBus(), cachePolicy, meters.cache());
    admission = new CacheFirstAdmission(context, scheduler, cache, meters);
    admin = new OllamaAdminService(vertx, ollama);
    StatusReporter status = new StatusReporter(scheduler, cache, ollama, Math.min(PROBE_TIMEOUT_MS, connectTimeoutMs));

    List<Future<Void>> registrations = new ArrayList<>();
    registrations.add(consume(InferenceAddresses.SUBMIT, this::submit));
    registrations.add(consume(InferenceAddresses.CANCEL, this::cancel));
    registrations.add(consume(InferenceAddresses.STATUS, message -> status.report()
        .onSuccess(message::reply)
        .onFailure(failure -> BusMessages.fail(message, failure))));
    registrations.add(consume(InferenceAddresses.MODELS, admin::tags));
    registrations.add(consume(InferenceAddresses.SHOW, admin::show));
    registrations.add(consume(InferenceAddresses.DELETE, admin::delete));
    registrations.add(consume(InferenceAddresses.VERSION, admin::version));
    registrations.add(consume(InferenceAddresses.RUNNING, admin::running));
    registrations.add(consume(InferenceAddresses.PULL, admin::pull));
    return Future.all(registrations)
        .onFailure(failure -> {
          owners().remove("owner", deploymentID());
          meters.remove();
        })
        .onSuccess(all -> LOG.debug("Inference: Ollama at {}, parallel {}, queue capacity {} per level, "
                + "aging {} ms, deadline {} ms, busy retries {}, models {}, cached answers up to {} bytes for {}",
            endpoint.url(), parallel, capacity, agingMs, deadlineMs, busyRetries, router.table(),
            cachePolicy.maxAnswerBytes(), cachePolicy.ttl()));
  }

  @Override
  public Future<?> stop() {
    Problem stopping = ProblemType.SERVICE_UNAVAILABLE.problem("the inference service stopped");
    if (admission != null) {
      admission.shutdown(stopping);
      admin.shutdown(stopping);
    }
    if (meters != null) {
      meters.remove();
    }
    owners().remove("owner", deploymentID());
    return ollama == null ? Future.succeededFuture() : ollama.close();
  }

  private LocalMap<String, String> owners() {
    return vertx.sharedData().getLocalMap(OWNER_MAP);
  }

  /**
   * Registers a consumer, run with the request id in the logging context, whose unexpected failure still answers
   * the request, as a 500 problem.
   */
  private Future<Void> consume(String address, Handler<Message<Object>> handler) {
    return vertx.eventBus().<Object>consumer(address, RequestLogContext.around(message -> {
      try {
        handler.handle(message);
      } catch (RuntimeException e) {
        LOG.error("request to {} failed", address, e);
        BusMessages.fail(message, ProblemType.INTERNAL.problem("the inference service failed on this request"));
      }
    })).completion();
  }

  private void submit(Message<Object> message) {
    JsonObject body = BusMessages.jsonBody(message);
    if (body == null) {
      return;
    }
    InferenceRequest request;
    String model;
    try {
      request = InferenceRequest.fromJson(body);
      model = router.resolve(request);
    } catch (IllegalArgumentException e) {
      BusMessages.fail(message, ProblemType.INVALID_REQUEST.problem(e.getMessage()));
      return;
    }
    admission.submit(message, request, model);
  }

  private void cancel(Message<Object> message) {
    JsonObject body = BusMessages.jsonBody(message);
    String id = body == null ? null : BusMessages.requiredString(message, body, "id");
    if (id == null) {
      return;
    }
    boolean found = admission.cancel(id)
        || admin.cancel(id, ProblemType.CANCELLED.problem("the pull was cancelled"));
    if (message.replyAddress() != null) {
      message.reply(new JsonObject().put("cancelled", found));
    }
  }
}
