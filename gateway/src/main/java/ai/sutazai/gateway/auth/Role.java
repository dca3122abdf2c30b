package ai.sutazai.gateway.auth;

import java.util.Locale;
import java.util.Optional;

/** What a caller may do; each route names the roles it admits. */
public enum Role {
  /** Everything, including deploying agents, pulling and deleting models, API keys and the audit log. */
  ADMIN,
  /** Agent changes (create, update, delete, redeploy, reload), every task's events on /ws/agents, system status. */
  OPERATOR,
  /** Chat, their own conversations, tasks and workflows, the model list. */
  USER,
  /** Read-only status, the agent list, the model list and reading their own tasks and workflows. */
  VIEWER;

  /** The name used in tokens, API keys and the README: {@code admin}, {@code operator}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code name} as tokens spell it, or empty for anything else. */
  public static Optional<Role> fromWire(String name) {
    for (Role role : values()) {
      if (role.wireName().equals(name)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
