package ai.sutazai.verticles.agents.supervisor;

import ai.sutazai.verticles.agents.AgentConfigError;
import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A catalogue, or a change of one, that was refused: a 422 problem whose {@code errors} extension lists
 * {@code {"agent", "pointer", "message"}} for each error ({@code agent} null for the catalogue as a whole).
 */
final class CatalogueRefused extends ProblemException {

  private final transient List<AgentConfigError> errors;

  CatalogueRefused(String what, List<AgentConfigError> errors) {
    super(ProblemType.INVALID_AGENT_CATALOGUE.problem(what + " is not valid: "
            + errors.stream().map(AgentConfigError::detail).collect(Collectors.joining("; "))),
        new JsonObject().put("errors", new JsonArray(errors.stream().map(CatalogueRefused::toJson).toList())));
    this.errors = List.copyOf(errors);
  }

  List<AgentConfigError> errors() {
    return errors;
  }

  private static JsonObject toJson(AgentConfigError error) {
    return new JsonObject().put("agent", error.agent()).put("pointer", error.field()).put("message", error.rule());
  }
}
