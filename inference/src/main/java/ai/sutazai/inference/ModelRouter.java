package ai.sutazai.inference;

import ai.sutazai.verticles.config.Settings;
import ai.sutazai.verticles.inference.InferenceRequest;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Picks the Ollama model for a request: the model it names, else the routing table's model for its
 * {@code model_type} ({@code default}, {@code reasoning}, {@code coding}, {@code analysis}).
 */
final class ModelRouter {

  private final Map<String, String> table = new LinkedHashMap<>();

  ModelRouter(JsonObject config) {
    table.put("default", Settings.MODELS_DEFAULT.stringIn(config));
    table.put("reasoning", Settings.MODELS_REASONING.stringIn(config));
    table.put("coding", Settings.MODELS_CODING.stringIn(config));
    table.put("analysis", Settings.MODELS_ANALYSIS.stringIn(config));
  }

  /**
   * The model to ask Ollama for.
   *
   * @throws IllegalArgumentException naming an unknown model type
   */
  String resolve(InferenceRequest request) {
    if (request.model() != null && !request.model().isBlank()) {
      return request.model();
    }
    String type = request.modelType() == null || request.modelType().isBlank() ? "default" : request.modelType();
    String model = table.get(type);
    if (model == null) {
      throw new IllegalArgumentException("unknown model_type '" + type + "'; expected one of "
          + String.join(", ", table.keySet()));
    }
    return model;
  }

  Map<String, String> table() {
    return Collections.unmodifiableMap(table);
  }
}
