package ai.sutazai.agents.workflow;

import java.util.List;
import java.util.stream.Collectors;

/** What reading a coordinator's answer gave: a valid plan, or every problem that stops it (never both). */
public record PlanReading(WorkflowPlan plan, List<PlanProblem> problems) {

  public PlanReading {
    problems = List.copyOf(problems);
    if ((plan == null) == problems.isEmpty()) {
      throw new IllegalArgumentException("a reading holds a plan or problems");
    }
  }

  static PlanReading valid(WorkflowPlan plan) {
    return new PlanReading(plan, List.of());
  }

  static PlanReading invalid(List<PlanProblem> problems) {
    return new PlanReading(null, problems);
  }

  public boolean isValid() {
    return plan != null;
  }

  /** The problems, one per line. */
  public String details() {
    return problems.stream().map(p -> "- " + p.detail()).collect(Collectors.joining("\n"));
  }
}
