package ai.sutazai.verticles.agents;

import java.util.List;

/** What parsing a catalogue gave: the catalogue, or the errors that stopped it (never both). */
public record AgentCatalogueResult(AgentCatalogue catalogue, List<AgentConfigError> errors) {

  public AgentCatalogueResult {
    errors = List.copyOf(errors);
    if ((catalogue == null) == errors.isEmpty()) {
      throw new IllegalArgumentException("a result holds a catalogue or errors");
    }
  }

  static AgentCatalogueResult valid(AgentCatalogue catalogue) {
    return new AgentCatalogueResult(catalogue, List.of());
  }

  static AgentCatalogueResult invalid(List<AgentConfigError> errors) {
    return new AgentCatalogueResult(null, errors);
  }

  public boolean isValid() {
    return catalogue != null;
  }

  /**
   * The catalogue.
   *
   * @param source what was parsed, named in the exception, for example the file's path
   * @throws InvalidAgentCatalogueException with every error when the text was refused
   */
  public AgentCatalogue orElseThrow(String source) {
    if (catalogue == null) {
      throw new InvalidAgentCatalogueException(source, errors);
    }
    return catalogue;
  }
}
