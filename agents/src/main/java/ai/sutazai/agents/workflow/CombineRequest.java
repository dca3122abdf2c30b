package ai.sutazai.agents.workflow;

import ai.sutazai.agents.model.ChatMessage;
import ai.sutazai.verticles.agents.AgentDefinition;
import java.util.List;
import java.util.Map;

/**
 * The coordinator's last question in a workflow: the goal and every step with its result, to be
 * combined into one answer for the person who set the goal.
 */
public final class CombineRequest {

  private final AgentDefinition coordinator;
  private final String goal;
  private final WorkflowPlan plan;
  private final Map<String, String> results;

  /**
   * @param results every step's id to its result, as {@link PlanSchedule#results()} gives them once
   *                the workflow has completed
   * @throws IllegalArgumentException when a step of the plan has no result
   */
  public CombineRequest(AgentDefinition coordinator, String goal, WorkflowPlan plan, Map<String, String> results) {
    for (PlanStep step : plan.steps()) {
      if (!results.containsKey(step.id())) {
        throw new IllegalArgumentException("step " + step.id() + " has no result to combine");
      }
    }
    this.coordinator = coordinator;
    this.goal = goal;
    this.plan = plan;
    this.results = Map.copyOf(results);
  }

  public List<ChatMessage> messages() {
    StringBuilder question = new StringBuilder("Goal:\n").append(goal).append("\n\n")
        .append("The team carried out your plan for this goal. The steps and their results:\n");
    for (PlanStep step : plan.steps()) {
      question.append("\n### Step ").append(step.id()).append(" (").append(step.capability()).append(")");
      if (!step.dependsOn().isEmpty()) {
        question.append(", after ").append(String.join(", ", step.dependsOn()));
      }
      question.append("\nInstruction: ").append(step.instruction())
          .append("\nResult:\n").append(results.get(step.id())).append("\n");
    }
    question.append("\nCombine these results into one coherent answer to the goal, written for the person who ")
        .append("set it. Answer in plain prose or Markdown, not in the plan's JSON. If a step's result could not ")
        .append("be used, say which step and why.");
    return List.of(ChatMessage.system(coordinator.systemPrompt()), ChatMessage.user(question.toString()));
  }
}
