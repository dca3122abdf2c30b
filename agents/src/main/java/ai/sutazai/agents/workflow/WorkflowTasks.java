package ai.sutazai.agents.workflow;

import java.util.Set;

/** The task types of a workflow's own tasks, both taken by the coordinator. */
public final class WorkflowTasks {

  /** {@code {"goal"}}: plan the goal and create one task per step, then the combine task. */
  public static final String PLAN = "workflow_plan";

  /** {@code {"goal", "plan", "steps": {stepId: taskId}}}: combine the steps' results into one answer. */
  public static final String COMBINE = "workflow_combine";

  /** Both types; they are not capabilities a plan's step may name. */
  public static final Set<String> TYPES = Set.of(PLAN, COMBINE);

  private WorkflowTasks() {
  }
}
