package ai.sutazai.storage.channel;

import java.util.regex.Pattern;

/**
 * The name of a channel agents listen on: {@code agent:broadcast} for every agent, or
 * {@code agent:{id}:commands} for one. Agent ids are 1 to 128 letters, digits, dots, dashes or
 * underscores, starting with a letter or digit, so no name can be read as another or as a pattern.
 */
public record AgentChannel(String name) {

  private static final String AGENT_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";
  private static final Pattern VALID_ID = Pattern.compile(AGENT_ID);
  private static final Pattern VALID_NAME =
      Pattern.compile("agent:broadcast|agent:" + AGENT_ID + ":commands");

  /** The channel every agent listens on. */
  public static final AgentChannel BROADCAST = new AgentChannel("agent:broadcast");

  /** Accepts only the two shapes above. */
  public AgentChannel {
    if (name == null || !VALID_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "not an agent channel (agent:broadcast or agent:{id}:commands): " + name);
    }
  }

  /** {@code agent:{agentId}:commands}. */
  public static AgentChannel commands(String agentId) {
    if (agentId == null || !VALID_ID.matcher(agentId).matches()) {
      throw new IllegalArgumentException("invalid agent id '" + agentId
          + "': 1 to 128 letters, digits, '.', '-' or '_', starting with a letter or digit");
    }
    return new AgentChannel("agent:" + agentId + ":commands");
  }

  /** The event-bus address that carries this channel in-process. */
  public String eventBusAddress() {
    return "sutazai.channel." + name;
  }

  @Override
  public String toString() {
    return name;
  }
}
