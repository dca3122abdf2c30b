package ai.sutazai.inference;

import ai.sutazai.verticles.bus.BusMessages;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Serves {@link StorageAddresses#CACHE_GET} and {@link StorageAddresses#CACHE_PUT} from a map, as
 * the storage verticle would: checks every message against the contract (a violation fails the
 * reply and is recorded), records every key asked for and every store, and can answer lookups late.
 */
final class InMemoryCacheResponder {

  /** One CACHE_PUT as received. */
  record Put(String key, String value, long ttlMs) {
  }

  private final Vertx vertx;
  private final Map<String, String> values = new ConcurrentHashMap<>();
  private final List<String> gets = new CopyOnWriteArrayList<>();
  private final List<Put> puts = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private volatile long getDelayMs;

  private InMemoryCacheResponder(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Registers both consumers and waits until they are. */
  static InMemoryCacheResponder start(Vertx vertx) {
    InMemoryCacheResponder responder = new InMemoryCacheResponder(vertx);
    Future.all(
        vertx.eventBus().<Object>consumer(StorageAddresses.CACHE_GET, responder::get).completion(),
        vertx.eventBus().<Object>consumer(StorageAddresses.CACHE_PUT, responder::put).completion()).await();
    return responder;
  }

  /** Answers every later lookup only after this pause. */
  InMemoryCacheResponder delayLookups(long delayMs) {
    this.getDelayMs = delayMs;
    return this;
  }

  List<String> gets() {
    return List.copyOf(gets);
  }

  List<Put> puts() {
    return List.copyOf(puts);
  }

  /** Contract violations seen, each naming the address and the bad message. */
  List<String> violations() {
    return List.copyOf(violations);
  }

  /** Waits until {@code count} stores have arrived, failing after {@code timeoutMs}. */
  void awaitPuts(int count, long timeoutMs) {
    awaitCondition(count + " CACHE_PUTs", timeoutMs, () -> puts.size() >= count);
  }

  /** Waits until {@code count} lookups have arrived, failing after {@code timeoutMs}. */
  void awaitGets(int count, long timeoutMs) {
    awaitCondition(count + " CACHE_GETs", timeoutMs, () -> gets.size() >= count);
  }

  private void get(Message<Object> message) {
    JsonObject body = BusMessages.jsonBody(message);
    String key = body == null ? null : BusMessages.requiredString(message, body, "key");
    if (key == null || !onlyFields(message, body, "key")) {
      violations.add("CACHE_GET " + message.body());
      return;
    }
    gets.add(key);
    JsonObject reply = new JsonObject().put("value", values.get(key));
    if (getDelayMs > 0) {
      vertx.setTimer(getDelayMs, t -> message.reply(reply));
    } else {
      message.reply(reply);
    }
  }

  private void put(Message<Object> message) {
    JsonObject body = BusMessages.jsonBody(message);
    String key = body == null ? null : BusMessages.requiredString(message, body, "key");
    if (key == null || !onlyFields(message, body, "key", "value", "ttl_ms")) {
      violations.add("CACHE_PUT " + message.body());
      return;
    }
    if (!(body.getValue("value") instanceof String value)
        || !(body.getValue("ttl_ms") instanceof Number ttl) || ttl.longValue() < 1) {
      violations.add("CACHE_PUT " + body);
      BusMessages.fail(message, ProblemType.INVALID_REQUEST.problem("'value' must be a string, 'ttl_ms' positive"));
      return;
    }
    puts.add(new Put(key, value, ttl.longValue()));
    values.put(key, value);
    message.reply(new JsonObject());
  }

  private static boolean onlyFields(Message<?> message, JsonObject body, String... allowed) {
    if (body.fieldNames().stream().allMatch(List.of(allowed)::contains)) {
      return true;
    }
    BusMessages.fail(message, ProblemType.INVALID_REQUEST.problem("unexpected fields in " + body.fieldNames()));
    return false;
  }

  /**
   * Polls {@code condition} every few milliseconds on an event loop until it holds or the time is up.
   * The timer is set on that event loop, so its first tick cannot race with its creation.
   */
  private void awaitCondition(String description, long timeoutMs, BooleanSupplier condition) {
    Promise<Void> reached = Promise.promise();
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    vertx.runOnContext(start -> vertx.setPeriodic(5, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        reached.tryComplete();
      } else if (System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        reached.tryFail(new AssertionError("timed out after " + timeoutMs + " ms waiting for " + description
            + "; seen " + gets.size() + " gets, " + puts.size() + " puts"));
      }
    }));
    reached.future().await();
  }
}
