package ai.sutazai.verticles.agents.supervisor;

import java.util.Locale;

/** Where an agent's deployment stands, as {@code status} in the supervisor's replies. */
public enum AgentStatus {
  /** Its verticles are being deployed, or wait for the task bus to hand them tasks. */
  DEPLOYING,
  /** Its verticles are deployed and the task bus hands them tasks. */
  RUNNING,
  /** The task bus no longer hands it tasks; its verticles finish or return those they hold. */
  DRAINING,
  /** No verticle of it runs. */
  STOPPED,
  /** Its last deployment failed; {@code error} says why. */
  FAILED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
