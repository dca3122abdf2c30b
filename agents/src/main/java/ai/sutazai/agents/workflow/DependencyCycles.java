package ai.sutazai.agents.workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cycles among steps' dependencies, each told as the path that closes it ({@code a, b, a} for
 * a step a that needs b which needs a). A step depending on itself is a cycle of one.
 */
final class DependencyCycles {

  private enum Mark { VISITING, DONE }

  private final Map<String, List<String>> dependencies;
  private final Map<String, Mark> marks = new HashMap<>();
  private final List<String> path = new ArrayList<>();
  private final List<List<String>> cycles = new ArrayList<>();

  private DependencyCycles(Map<String, List<String>> dependencies) {
    this.dependencies = dependencies;
  }

  /**
   * Every cycle a depth-first walk meets, in the order of {@code dependencies}' keys.
   *
   * @param dependencies each step's id to the ids it depends on; ids that are not keys are ignored
   */
  static List<List<String>> in(Map<String, List<String>> dependencies) {
    DependencyCycles walk = new DependencyCycles(dependencies);
    dependencies.keySet().forEach(walk::visit);
    return walk.cycles;
  }

  private void visit(String step) {
    Mark mark = marks.get(step);
    if (mark == Mark.DONE || !dependencies.containsKey(step)) {
      return;
    }
    if (mark == Mark.VISITING) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(step), path.size()));
      cycle.add(step);
      cycles.add(List.copyOf(cycle));
      return;
    }
    marks.put(step, Mark.VISITING);
    path.add(step);
    dependencies.get(step).forEach(this::visit);
    path.remove(path.size() - 1);
    marks.put(step, Mark.DONE);
  }
}
