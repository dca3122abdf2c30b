package ai.sutazai.storage.agent;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** One row of an {@code agent_metrics} sample: an agent's catalogue id, the metric's name and its value. */
public record AgentMetricValue(String agent, String metric, double value) {

  /** The counts of an agent status (AgentAddresses) sampled into rows, each as the status names it. */
  static final List<String> COUNTS = List.of("in_flight", "completed", "failed");
  /** The row saying whether the agent runs: 1 while its status is running, else 0. */
  static final String UP = "up";

  /**
   * The rows of one agent status: its counts (those it reports as numbers) and {@code up}; none for a status
   * without an id.
   */
  static List<AgentMetricValue> of(JsonObject status) {
    String agent = status.getString("id");
    List<AgentMetricValue> values = new ArrayList<>();
    if (agent == null || agent.isBlank()) {
      return values;
    }
    for (String count : COUNTS) {
      if (status.getValue(count) instanceof Number number) {
        values.add(new AgentMetricValue(agent, count, number.doubleValue()));
      }
    }
    values.add(new AgentMetricValue(agent, UP, "running".equals(status.getString("status")) ? 1 : 0));
    return values;
  }
}
