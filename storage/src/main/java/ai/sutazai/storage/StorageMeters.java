package ai.sutazai.storage;

import ai.sutazai.storage.cache.KeyValueCache;
import ai.sutazai.storage.conversation.HistoryWriter;
import ai.sutazai.storage.pg.ResilientPostgres;
import ai.sutazai.verticles.metrics.Meters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * {@code sutazai_storage_available{component="postgres"|"cache"}}: 1 while PostgreSQL, or the cache's
 * backing store, answers, 0 while SutazAI serves without it; {@code sutazai_history_pending_exchanges}: chat
 * exchanges accepted and not yet written to PostgreSQL. Registered for the life of one storage
 * verticle and removed when it stops, so a redeployed verticle reports its own state.
 */
final class StorageMeters {

  static final String AVAILABLE = "sutazai.storage.available";
  static final String PENDING_EXCHANGES = "sutazai.history.pending.exchanges";

  private final MeterRegistry registry = Meters.registry();
  private final List<Gauge> gauges;

  StorageMeters(ResilientPostgres postgres, KeyValueCache cache, HistoryWriter writer) {
    gauges = List.of(
        Gauge.builder(AVAILABLE, postgres, p -> p.isUp() ? 1 : 0).tag("component", "postgres")
            .description("Whether PostgreSQL answers (1) or conversations are unavailable (0)")
            .strongReference(true).register(registry),
        Gauge.builder(AVAILABLE, cache, c -> c.available() ? 1 : 0).tag("component", "cache")
            .description("Whether the cache's store answers (1) or SutazAI serves without the cache (0)")
            .strongReference(true).register(registry),
        Gauge.builder(PENDING_EXCHANGES, writer, HistoryWriter::pending)
            .description("Chat exchanges accepted and not yet written to PostgreSQL")
            .strongReference(true).register(registry));
  }

  void remove() {
    gauges.forEach(registry::remove);
  }
}
