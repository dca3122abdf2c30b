package ai.sutazai.agents.workflow;

/**
 * One thing wrong with a plan: the step (its id, or {@code at index N} when it has no usable id;
 * null for the plan as a whole), the field as a JSON pointer into the plan
 * ({@code /steps/1/capability}), and the rule it broke.
 */
public record PlanProblem(String step, String field, String rule) {

  /** The problem as one sentence, for example {@code step s2: /steps/1/capability is not ...}. */
  public String detail() {
    String where = field.isEmpty() ? "the plan" : field;
    return (step == null ? "" : "step " + step + ": ") + where + " " + rule;
  }

  @Override
  public String toString() {
    return detail();
  }
}
