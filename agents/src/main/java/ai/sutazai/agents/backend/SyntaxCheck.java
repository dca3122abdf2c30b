package ai.sutazai.agents.backend;

import java.util.Map;
import java.util.Optional;

/** A syntax checker for one language: the first syntax error in the code, or empty when it parses. */
interface SyntaxCheck {

  Optional<SyntaxError> firstError(String code);

  /** The checker for a language of a {@code code_review} payload, when SutazAI has one. */
  static Optional<SyntaxCheck> forLanguage(String language) {
    return Optional.ofNullable(Map.<String, SyntaxCheck>of(
        "java", new JavaSyntaxCheck(),
        "json", new JsonSyntaxCheck()).get(language));
  }
}
