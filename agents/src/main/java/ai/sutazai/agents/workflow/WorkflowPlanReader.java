package ai.sutazai.agents.workflow;

import ai.sutazai.agents.model.ModelReply;
import ai.sutazai.verticles.agents.AgentCatalogue;
import ai.sutazai.verticles.agents.DescribedSchema;
import ai.sutazai.verticles.agents.FieldProblem;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the coordinator's answer into a {@link WorkflowPlan}, or into every problem that stops it:
 * text that is not JSON, a break of the plan's schema ({@code /schemas/workflow-plan.json}, unknown
 * fields included) and of {@link PlanRules}. Each problem names the step and the field.
 */
public final class WorkflowPlanReader {

  static final String SCHEMA_RESOURCE = "/schemas/workflow-plan.json";
  private static final DescribedSchema SCHEMA = DescribedSchema.onClassPath(WorkflowPlanReader.class, SCHEMA_RESOURCE);
  private static final Pattern IN_STEP = Pattern.compile("^/steps/(\\d+)(/.*)?$");
  private static final Pattern USABLE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$");

  private final Set<String> capabilities;

  /** A reader accepting the capabilities some agent of {@code catalogue} takes. */
  public WorkflowPlanReader(AgentCatalogue catalogue) {
    this.capabilities = catalogue.capabilities();
  }

  /** Reads a model's answer, tolerating a Markdown fence or a thinking block around the JSON. */
  public PlanReading read(String reply) {
    String text = ModelReply.documentIn(reply);
    if (text.isEmpty()) {
      return PlanReading.invalid(List.of(new PlanProblem(null, "",
          "is empty: the answer must be a JSON object with the field steps")));
    }
    Object value;
    try {
      value = Json.decodeValue(text);
    } catch (DecodeException e) {
      return PlanReading.invalid(List.of(new PlanProblem(null, "", "is not valid JSON: " + reason(e))));
    }
    List<FieldProblem> problems = new ArrayList<>(SCHEMA.check(value));
    JsonObject plan = value instanceof JsonObject object ? object : null;
    if (plan != null) {
      problems.addAll(PlanRules.check(plan, capabilities));
    }
    if (!problems.isEmpty()) {
      return PlanReading.invalid(problems.stream()
          .sorted(Comparator.comparingInt(WorkflowPlanReader::stepIndex))
          .map(p -> labelled(p, plan))
          .toList());
    }
    JsonArray steps = plan.getJsonArray("steps");
    List<PlanStep> read = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      read.add(PlanStep.fromJson(steps.getJsonObject(i)));
    }
    return PlanReading.valid(new WorkflowPlan(read));
  }

  private static String reason(DecodeException e) {
    if (e.getCause() instanceof JsonProcessingException jackson && jackson.getLocation() != null) {
      return jackson.getOriginalMessage().lines().findFirst().orElse("")
          + " at line " + jackson.getLocation().getLineNr() + ", column " + jackson.getLocation().getColumnNr();
    }
    return e.getMessage();
  }

  private static PlanProblem labelled(FieldProblem problem, JsonObject plan) {
    Matcher inStep = IN_STEP.matcher(problem.pointer());
    String step = null;
    if (plan != null && inStep.matches()) {
      int index = Integer.parseInt(inStep.group(1));
      Object entry = plan.getJsonArray("steps").getValue(index);
      step = entry instanceof JsonObject object && object.getValue("id") instanceof String id
          && USABLE_ID.matcher(id).matches() ? id : "at index " + index;
    }
    return new PlanProblem(step, problem.pointer(), problem.rule());
  }

  /** Where a problem sorts: the plan's own first, then by step. */
  private static int stepIndex(FieldProblem problem) {
    Matcher inStep = IN_STEP.matcher(problem.pointer());
    return inStep.matches() ? Integer.parseInt(inStep.group(1)) : -1;
  }
}
