package ai.sutazai.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.testing.FakeOllama;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar with its embedded PostgreSQL keeps conversations across restarts from the same data
 * directory, whether it was stopped with SIGTERM or killed with SIGKILL.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DurabilityIT {

  private static final Duration EXIT = Duration.ofSeconds(60);

  @TempDir
  Path temp;

  /**
   * Verifies that a conversation is read back after a SIGTERM and a restart on the same data directory, the
   * exchange answered just before the SIGTERM included: stopping writes what is still waiting.
   */
  @Test
  void historySurvivesSigterm(Vertx vertx) throws Exception {
    historySurvives(vertx, SutazaiProcess::terminate, 0, false);
  }

  /**
   * Verifies that a conversation is read back after {@code kill -9} and a restart: the PostgreSQL the
   * killed process left running is cleared away instead of failing the start. An exchange is written
   * moments after its {@code done}; a read of the conversation waits for that write, so what the read
   * showed before the kill is what must survive it.
   */
  @Test
  void historySurvivesKill(Vertx vertx) throws Exception {
    historySurvives(vertx, SutazaiProcess::kill, 137, true);
  }

  private void historySurvives(Vertx vertx, Consumer<SutazaiProcess> stop, int exitCode, boolean readBeforeStop)
      throws Exception {
    FakeOllama ollama = FakeOllama.start(vertx).await();
    Path work = temp.resolve("work");
    int port = SutazaiProcess.freePort();
    Map<String, String> env = Map.of("SUTAZAI_HTTP_PORT", String.valueOf(port), "SUTAZAI_OLLAMA_URL", ollama.url());
    String id;
    JsonObject firstAnswer;

    // GIVEN a conversation of two exchanges, the second sent with the first as history
    try (SutazaiProcess first = SutazaiProcess.start(work, env)) {
      first.awaitHealthy(port);
      firstAnswer = chat(port, new JsonObject().put("messages", userMessage("where is the harbour")));
      id = firstAnswer.getString("conversation_id");
      assertThat(id).as("conversation id of %s", firstAnswer).isNotBlank();
      chat(port, new JsonObject().put("conversation_id", id).put("messages", userMessage("and the lighthouse")));
      JsonArray sent = ollama.recorder().generationBodies().get(1).getJsonArray("messages");
      assertThat(sent.stream().map(m -> ((JsonObject) m).getString("content")))
          .containsExactly("where is the harbour", content(firstAnswer), "and the lighthouse");

      if (readBeforeStop) {
        assertThat(get(port, "/api/v1/conversations/" + id).getJsonArray("messages")).hasSize(4);
      }

      // WHEN SutazAI is stopped and started again on the same data directory
      stop.accept(first);
      assertThat(first.awaitExit(EXIT)).isEqualTo(exitCode);
    }
    try (SutazaiProcess second = SutazaiProcess.start(work, env)) {
      second.awaitHealthy(port);

      // THEN the conversation and its messages are all there, in order
      JsonObject conversation = get(port, "/api/v1/conversations/" + id);
      List<String> contents = conversation.getJsonArray("messages").stream()
          .map(m -> ((JsonObject) m).getString("content")).toList();
      assertThat(contents).containsExactly("where is the harbour", content(firstAnswer), "and the lighthouse",
          contents.get(3));
      assertThat(conversation.getJsonArray("messages").getJsonObject(1).getString("model"))
          .isEqualTo("tinyllama:latest");
      assertThat(get(port, "/api/v1/conversations").getJsonArray("conversations").stream()
          .map(c -> ((JsonObject) c).getString("id"))).contains(id);

      second.terminate();
      assertThat(second.awaitExit(EXIT)).isZero();
    }
  }

  private static JsonArray userMessage(String text) {
    return new JsonArray().add(new JsonObject().put("role", "user").put("content", text));
  }

  private static String content(JsonObject answer) {
    return answer.getJsonObject("message").getString("content");
  }

  private static JsonObject chat(int port, JsonObject body) throws Exception {
    HttpResponse<String> response = SutazaiProcess.send("POST", uri(port, "/api/v1/chat"),
        body.put("stream", false).encode());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private static JsonObject get(int port, String path) throws Exception {
    HttpResponse<String> response = SutazaiProcess.send("GET", uri(port, path), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
