package ai.sutazai.agents.backend;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What SutazAI made of one answer to an {@code api_design} prompt: the document as JSON and its
 * summary when it is a valid OpenAPI 3 document, else the problems found (never empty then).
 */
record OpenApiReading(JsonObject document, OpenApiSummary summary, List<String> problems) {

  OpenApiReading {
    problems = List.copyOf(problems);
  }

  static OpenApiReading valid(JsonObject document, OpenApiSummary summary) {
    return new OpenApiReading(document, summary, List.of());
  }

  static OpenApiReading invalid(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid reading needs at least one problem");
    }
    return new OpenApiReading(null, null, problems);
  }

  boolean isValid() {
    return problems.isEmpty();
  }
}
