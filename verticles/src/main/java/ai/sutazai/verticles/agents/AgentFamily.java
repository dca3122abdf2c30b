package ai.sutazai.verticles.agents;

import java.util.Arrays;
import java.util.Optional;

/**
 * The nine families an agent belongs to, its {@code type}. The id is what the catalogue and the
 * task routing keys ({@code agent.{type}.{task_type}}) use; the title is how people read it.
 */
public enum AgentFamily {
  ORCHESTRATION("orchestration", "Orchestration and coordination"),
  DEVELOPMENT("development", "Development and engineering"),
  AI_ML("ai_ml", "AI/ML and deep learning"),
  TESTING("testing", "Testing and QA"),
  INFRASTRUCTURE("infrastructure", "Infrastructure and DevOps"),
  SECURITY("security", "Security and compliance"),
  DATA("data", "Data management and analytics"),
  OPTIMIZATION("optimization", "Resource and performance optimisation"),
  SPECIALIZED("specialized", "Specialised services and support");

  private final String id;
  private final String title;

  AgentFamily(String id, String title) {
    this.id = id;
    this.title = title;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public static Optional<AgentFamily> fromId(String id) {
    return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
  }
}
