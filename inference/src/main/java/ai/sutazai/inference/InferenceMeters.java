package ai.sutazai.inference;

import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.metrics.CacheRequests;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The inference verticle's meters, registered for its life and removed when it stops: queue depth
 * and wait by priority, generations in flight, rejections by reason, time to first token, tokens
 * generated and Ollama request duration by model, and the inference cache's hits and misses.
 * Per-model meters appear only for models Ollama accepted a request for, so that label stays within
 * the models Ollama has. Used on the verticle's event loop; the gauges are read by the scraping thread,
 * which may see a value one turn old.
 */
final class InferenceMeters {

  /** Why a request got no answer, as the {@code reason} label of the rejection counter. */
  enum Rejection {
    FULL, DEADLINE, CANCELLED;

    String label() {
      return name().toLowerCase();
    }
  }

  static final String QUEUE_DEPTH = "sutazai.inference.queue.depth";
  static final String QUEUE_CAPACITY = "sutazai.inference.queue.capacity";
  static final String QUEUE_WAIT = "sutazai.inference.queue.wait";
  static final String IN_FLIGHT = "sutazai.inference.in.flight";
  static final String REJECTIONS = "sutazai.inference.rejections";
  static final String TIME_TO_FIRST_TOKEN = "sutazai.inference.time.to.first.token";
  static final String TOKENS = "sutazai.inference.tokens";
  /** Named as the seed's dashboard and its OllamaOverload alert expect, without SutazAI's prefix. */
  static final String OLLAMA_REQUEST_DURATION = "ollama.request.duration";

  private static final Duration[] WAIT_BUCKETS = seconds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300);
  private static final Duration[] FIRST_TOKEN_BUCKETS = seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120);
  private static final Duration[] OLLAMA_BUCKETS = seconds(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300);

  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private final Map<Priority, Timer> queueWaits = new EnumMap<>(Priority.class);
  private final Map<Rejection, Counter> rejections = new EnumMap<>(Rejection.class);
  private final Map<String, Counter> tokensByModel = new HashMap<>();
  private final Map<String, Timer> ollamaByModel = new HashMap<>();
  private final Timer timeToFirstToken;
  private final CacheRequests cache;

  InferenceMeters(MeterRegistry registry) {
    this.registry = registry;
    for (Priority priority : Priority.values()) {
      queueWaits.put(priority, keep(Timer.builder(QUEUE_WAIT).tag("priority", priority.wireName())
          .description("Time from submission to the start of generation, by the priority a request was submitted at")
          .serviceLevelObjectives(WAIT_BUCKETS).register(registry)));
    }
    for (Rejection rejection : Rejection.values()) {
      rejections.put(rejection, keep(Counter.builder(REJECTIONS).tag("reason", rejection.label())
          .description("Requests that got no answer: their level was full, their deadline passed, or they were cancelled")
          .register(registry)));
    }
    timeToFirstToken = keep(Timer.builder(TIME_TO_FIRST_TOKEN)
        .description("Time from submission to the first token Ollama generated (cached answers excluded)")
        .serviceLevelObjectives(FIRST_TOKEN_BUCKETS).register(registry));
    cache = new CacheRequests(registry, "inference");
  }

  /** Registers the gauges that read the scheduler's queue depth per level and its generations in flight. */
  void watch(InferenceScheduler scheduler) {
    for (Priority priority : Priority.values()) {
      keep(Gauge.builder(QUEUE_DEPTH, scheduler, s -> s.queue().depth(priority))
          .tag("priority", priority.wireName())
          .description("Requests waiting in the inference queue, by the priority they were submitted at")
          .strongReference(true).register(registry));
    }
    keep(Gauge.builder(QUEUE_CAPACITY, scheduler, s -> s.queue().capacity())
        .description("Requests each level of the inference queue holds at most (queue.capacity)")
        .strongReference(true).register(registry));
    keep(Gauge.builder(IN_FLIGHT, scheduler, InferenceScheduler::inFlight)
        .description("Generations running at Ollama now")
        .strongReference(true).register(registry));
  }

  void queueWait(Priority priority, long nanos) {
    queueWaits.get(priority).record(nanos, TimeUnit.NANOSECONDS);
  }

  void rejected(Rejection rejection) {
    rejections.get(rejection).increment();
  }

  void firstToken(long nanos) {
    timeToFirstToken.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The counter of tokens {@code model} generated; callers keep it for the rest of their request. */
  Counter tokens(String model) {
    return tokensByModel.computeIfAbsent(model, name -> keep(Counter.builder(TOKENS).tag("model", name)
        .description("Tokens Ollama generated, by model").register(registry)));
  }

  /** One Ollama request that {@code model} accepted, from its dispatch until its stream ended or was aborted. */
  void ollamaRequest(String model, long nanos) {
    ollamaByModel.computeIfAbsent(model, name -> keep(Timer.builder(OLLAMA_REQUEST_DURATION).tag("model", name)
            .description("Duration of generations and embeddings Ollama accepted, by model")
            .serviceLevelObjectives(OLLAMA_BUCKETS).register(registry)))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  CacheRequests cache() {
    return cache;
  }

  void remove() {
    meters.forEach(registry::remove);
    meters.clear();
    tokensByModel.clear();
    ollamaByModel.clear();
    cache.remove();
  }

  private <M extends Meter> M keep(M meter) {
    meters.add(meter);
    return meter;
  }

  private static Duration[] seconds(double... bounds) {
    return Arrays.stream(bounds).mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);
  }
}
