package ai.sutazai.verticles.testing;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Random;

/** The fake's {@code /api/embed}: one deterministic unit vector per input, answered at once. */
final class FakeEmbed {

  private FakeEmbed() {
  }

  static void handle(FakeOllamaState state, HttpServerRequest request, JsonObject body) {
    String model = body.getString("model");
    if (!state.catalog().contains(model)) {
      FakeReplies.modelNotFound(request.response(), String.valueOf(model));
      return;
    }
    Object input = body.getValue("input");
    JsonArray inputs = input == null ? new JsonArray()
        : input instanceof String s ? new JsonArray().add(s)
        : input instanceof JsonArray array ? array : null;
    if (inputs == null || inputs.stream().anyMatch(i -> !(i instanceof String))) {
      FakeReplies.error(request.response(), 400, "invalid input type");
      return;
    }
    long start = System.nanoTime();
    JsonArray embeddings = new JsonArray();
    int words = 0;
    for (Object text : inputs) {
      embeddings.add(vector((String) text, state.options().embeddingDimensions()));
      words += ((String) text).split("\\s+").length;
    }
    FakeReplies.json(request.response(), 200, new JsonObject()
        .put("model", model)
        .put("embeddings", embeddings)
        .put("total_duration", System.nanoTime() - start + 1_000_000L)
        .put("load_duration", 1_000_000L)
        .put("prompt_eval_count", words));
  }

  static JsonArray vector(String text, int dimensions) {
    Random random = new Random(text.hashCode());
    double[] values = new double[dimensions];
    double norm = 0;
    for (int i = 0; i < dimensions; i++) {
      values[i] = random.nextGaussian();
      norm += values[i] * values[i];
    }
    JsonArray vector = new JsonArray();
    for (double value : values) {
      vector.add((float) (value / Math.sqrt(norm)));
    }
    return vector;
  }
}
