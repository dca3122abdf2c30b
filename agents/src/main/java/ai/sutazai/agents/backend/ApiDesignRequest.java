package ai.sutazai.agents.backend;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The payload of an {@code api_design} task: what the API must do, optionally the title and
 * version the document should carry, and any JSON context (for example the results of the
 * workflow steps this one depends on).
 */
record ApiDesignRequest(String requirements, String title, String version, Object context) {

  static final String TASK_TYPE = "api_design";
  static final int MAX_REQUIREMENTS = 20_000;
  private static final int MAX_NAME = 200;
  private static final Set<String> FIELDS = Set.of("requirements", "title", "version", "context");

  /** Reads and checks the payload; a payload of the wrong shape fails with an {@code invalid-request} problem. */
  static ApiDesignRequest from(JsonObject payload) {
    PayloadReader reader = PayloadReader.of(TASK_TYPE, payload, FIELDS);
    return new ApiDesignRequest(reader.requiredText("requirements", MAX_REQUIREMENTS),
        reader.optionalText("title", MAX_NAME), reader.optionalText("version", MAX_NAME),
        reader.optionalValue("context"));
  }
}
