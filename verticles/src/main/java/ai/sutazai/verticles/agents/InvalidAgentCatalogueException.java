package ai.sutazai.verticles.agents;

import java.util.List;
import java.util.stream.Collectors;

/** A catalogue that was refused, with every error found in it. */
public class InvalidAgentCatalogueException extends RuntimeException {

  private final transient List<AgentConfigError> errors;

  /** @param source what was read, for example the file's path */
  public InvalidAgentCatalogueException(String source, List<AgentConfigError> errors) {
    super(source + " is not a valid agent catalogue: "
        + errors.stream().map(AgentConfigError::detail).collect(Collectors.joining("; ")), null, false, false);
    this.errors = List.copyOf(errors);
  }

  public List<AgentConfigError> errors() {
    return errors;
  }
}
