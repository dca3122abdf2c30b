package ai.sutazai.storage.taskbus;

import ai.sutazai.storage.BusFields;
import ai.sutazai.storage.broker.TaskTopology;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * An agent taking its tasks from the task bus, as {@code TASK_BUS_CONSUME} asks: its id, its family, how many tasks
 * it holds unsettled at most and how long one delivery may take to settle.
 */
record AgentConsumer(String agent, String type, int concurrency, long timeoutMs) {

  static final int MAX_CONCURRENCY = 1000;
  static final long DEFAULT_TIMEOUT_MS = 600_000;
  /** 24 h 1 min: room for the longest agent {@code timeout_seconds} (24 h) plus the 10 s the supervisor adds. */
  static final long MAX_TIMEOUT_MS = 86_460_000;

  /** Reads a consume request; a bad field fails with a 400 problem naming it. */
  static AgentConsumer from(JsonObject body) {
    return new AgentConsumer(name(body, "agent"), name(body, "type"),
        (int) whole(body, "concurrency", null, MAX_CONCURRENCY), whole(body, "timeout_ms", DEFAULT_TIMEOUT_MS,
            MAX_TIMEOUT_MS));
  }

  /** The agent a stop request names. */
  static String agentOf(JsonObject body) {
    return name(body, "agent");
  }

  private static String name(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value instanceof String name && TaskTopology.isNamePart(name)) {
      return name;
    }
    throw BusFields.invalid("'" + field + "' must be 1..100 letters, digits, '_' or '-', got " + Json.encode(value));
  }

  private static long whole(JsonObject body, String field, Long fallback, long max) {
    Object value = body.getValue(field);
    if (value == null && fallback != null) {
      return fallback;
    }
    Long number = BusFields.integral(value);
    if (number == null || number < 1 || number > max) {
      throw BusFields.invalid("'" + field + "' must be an integer 1.." + max + ", got " + Json.encode(value));
    }
    return number;
  }
}
