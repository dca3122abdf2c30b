package ai.sutazai.agents.workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A step whose dependencies have all completed, with their results.
 *
 * @param inputs the id of each step it depends on to that step's result, in the order of {@code depends_on}
 */
public record ReadyStep(PlanStep step, Map<String, String> inputs) {

  public ReadyStep {
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
  }
}
