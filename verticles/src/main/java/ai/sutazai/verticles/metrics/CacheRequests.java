package ai.sutazai.verticles.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code sutazai_cache_requests_total{kind, result="hit"|"miss"}}: the lookups of one kind of cached
 * answer ({@code inference}, {@code agent}) that found an answer or not. The inference verticle creates its
 * own for its life and removes it when it stops; the agents' is shared by every agent's copies and never
 * removed, since one agent stopping must not take the others' counts away.
 */
public final class CacheRequests {

  static final String NAME = "sutazai.cache.requests";

  private final MeterRegistry registry;
  private final Counter hits;
  private final Counter misses;

  public CacheRequests(MeterRegistry registry, String kind) {
    this.registry = registry;
    this.hits = counter(registry, kind, "hit");
    this.misses = counter(registry, kind, "miss");
  }

  private static Counter counter(MeterRegistry registry, String kind, String result) {
    return Counter.builder(NAME).tag("kind", kind).tag("result", result)
        .description("Cache lookups by kind of answer and whether they found one")
        .register(registry);
  }

  public void hit() {
    hits.increment();
  }

  public void miss() {
    misses.increment();
  }

  public void remove() {
    registry.remove(hits);
    registry.remove(misses);
  }
}
