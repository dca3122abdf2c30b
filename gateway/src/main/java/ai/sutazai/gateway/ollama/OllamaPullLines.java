package ai.sutazai.gateway.ollama;

import ai.sutazai.gateway.stream.StreamDialect;
import ai.sutazai.gateway.stream.StreamTransport;
import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

/** Ollama's pull progress as NDJSON: its status lines as they come, ending with {@code success}. */
final class OllamaPullLines implements StreamDialect {

  static final JsonObject SUCCESS = new JsonObject().put("status", "success");

  private boolean sawSuccess;

  @Override
  public StreamTransport transport() {
    return StreamTransport.NDJSON;
  }

  @Override
  public void headers(MultiMap headers) {
    headers.set("Content-Type", "application/x-ndjson");
  }

  @Override
  public String progress(JsonObject event) {
    JsonObject line = event.copy();
    line.remove("type");
    sawSuccess |= "success".equals(line.getString("status"));
    return line.encode() + "\n";
  }

  @Override
  public String done(JsonObject event) {
    return sawSuccess ? null : SUCCESS.encode() + "\n";
  }

  @Override
  public String error(Problem problem, String requestId) {
    return new JsonObject().put("error", problem.detail()).encode() + "\n";
  }
}
