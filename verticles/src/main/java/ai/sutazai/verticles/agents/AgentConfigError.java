package ai.sutazai.verticles.agents;

/**
 * One thing wrong with an agent catalogue: which agent (its id, or its index when it has no usable
 * id; null for the file as a whole), which field as a JSON pointer into the file
 * ({@code /agents/2/timeout_seconds}), and the rule it broke ({@code must be ... , got 0}).
 */
public record AgentConfigError(String agent, String field, String rule) {

  /** The error as one sentence, for example {@code agent ag-003: /agents/2/timeout_seconds must be ..., got 0}. */
  public String detail() {
    String where = field.isEmpty() ? "the catalogue" : field;
    return (agent == null ? "" : "agent " + agent + ": ") + where + " " + rule;
  }

  @Override
  public String toString() {
    return detail();
  }
}
