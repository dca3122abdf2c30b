package ai.sutazai.verticles.testing;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code /api/pull} on the fake: Ollama's progress lines ("pulling manifest", "downloading
 * &lt;digest&gt;" with total and completed for two layers, "verifying sha256 digest", "writing
 * manifest", "success"), paced by the token delay; the model is known once "success" is sent.
 */
final class FakePull implements FakeStream.Script {

  private static final long LAYER_BYTES = 50_000_000L;

  private final FakeOllamaState state;
  private final String model;
  private final List<JsonObject> lines = new ArrayList<>();

  private FakePull(FakeOllamaState state, String model) {
    this.state = state;
    this.model = model;
    lines.add(status("pulling manifest"));
    int steps = Math.max(1, state.options().tokensPerAnswer());
    for (String layer : List.of("model", "params")) {
      String digest = "sha256:" + FakeModelCatalog.digest(model + "/" + layer);
      for (int step = 1; step <= steps; step++) {
        lines.add(status("downloading " + digest)
            .put("digest", digest)
            .put("total", LAYER_BYTES)
            .put("completed", LAYER_BYTES * step / steps));
      }
    }
    lines.add(status("verifying sha256 digest"));
    lines.add(status("writing manifest"));
    lines.add(status("success"));
  }

  static void handle(FakeOllamaState state, HttpServerRequest request, JsonObject body) {
    String model = body.getString("model", body.getString("name"));
    if (model == null || model.isBlank()) {
      FakeReplies.error(request.response(), 400, "model is required");
      return;
    }
    String label = "pull:" + model;
    new FakeStream(state.vertx(), request.response(), FakeOllama.isStreaming(body),
        state.faults().takeStreamError())
        .play(new FakePull(state, model), 0, state.options().tokenDelayMs(), complete -> {
          if (!complete) {
            state.recorder().recordHangUp(label);
          }
        });
  }

  @Override
  public JsonObject line(int index) {
    if (index >= lines.size()) {
      return null;
    }
    if (index == lines.size() - 1) {
      state.catalog().add(model);
    }
    return lines.get(index);
  }

  @Override
  public int pacedLines() {
    return lines.size();
  }

  @Override
  public JsonObject whole() {
    return status("success");
  }

  private static JsonObject status(String status) {
    return new JsonObject().put("status", status);
  }
}
