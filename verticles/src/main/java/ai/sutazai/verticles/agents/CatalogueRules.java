package ai.sutazai.verticles.agents;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a catalogue that a JSON schema cannot say: ids and names unique across agents,
 * {@code class} and {@code jar} set together, not both {@code model} and {@code model_type}, and
 * no capability listed twice by one agent. Fields of the wrong type are left to the schema.
 */
final class CatalogueRules {

  private CatalogueRules() {
  }

  static List<FieldProblem> check(JsonObject catalogue) {
    if (!(catalogue.getValue("agents") instanceof JsonArray agents)) {
      return List.of();
    }
    List<FieldProblem> problems = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < agents.size(); i++) {
      if (!(agents.getValue(i) instanceof JsonObject agent)) {
        continue;
      }
      String at = "/agents/" + i;
      unique(agent, "id", i, ids, problems);
      unique(agent, "name", i, names, problems);
      if (agent.containsKey("class") && !agent.containsKey("jar")) {
        problems.add(new FieldProblem(at + "/class",
            "needs jar, the file under plugins.dir that holds the class, set beside it"));
      }
      if (agent.containsKey("jar") && !agent.containsKey("class")) {
        problems.add(new FieldProblem(at + "/jar", "needs class, the agent class in the jar to run, set beside it"));
      }
      if (agent.containsKey("model") && agent.containsKey("model_type")) {
        problems.add(new FieldProblem(at + "/model",
            "cannot be set together with model_type: name either a model or a model type"));
      }
      if (agent.getValue("capabilities") instanceof JsonArray capabilities) {
        Set<Object> listed = new HashSet<>();
        for (int c = 0; c < capabilities.size(); c++) {
          if (!listed.add(capabilities.getValue(c))) {
            problems.add(new FieldProblem(at + "/capabilities/" + c,
                "repeats the capability " + capabilities.getValue(c) + " listed before it"));
          }
        }
      }
    }
    return problems;
  }

  private static void unique(JsonObject agent, String field, int index, Map<String, Integer> firstUse,
      List<FieldProblem> problems) {
    if (!(agent.getValue(field) instanceof String value)) {
      return;
    }
    Integer first = firstUse.putIfAbsent(value, index);
    if (first != null) {
      problems.add(new FieldProblem("/agents/" + index + "/" + field,
          "must be unique, but " + value + " is also the " + field + " of the agent at /agents/" + first));
    }
  }
}
