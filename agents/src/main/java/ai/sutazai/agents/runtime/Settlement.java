package ai.sutazai.agents.runtime;

import io.vertx.core.json.JsonObject;

/** The agent's answers to a delivery, as {@link ai.sutazai.verticles.agents.AgentAddresses#deliveries} lists them. */
final class Settlement {

  private Settlement() {
  }

  static JsonObject ack() {
    return settle("ack");
  }

  static JsonObject retry() {
    return settle("retry");
  }

  static JsonObject requeue() {
    return settle("requeue");
  }

  static JsonObject reject(String reason) {
    return settle("reject").put("reason", reason);
  }

  private static JsonObject settle(String how) {
    return new JsonObject().put("settle", how);
  }
}
