package ai.sutazai.launcher.e2e;

import static ai.sutazai.launcher.e2e.RunningPlatform.chat;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SutazAI whose PostgreSQL does not answer: it starts, chat without a conversation keeps working,
 * and whatever needs PostgreSQL answers 503 saying so. (Recovery is covered in storage's own tests.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostgresDownIT {

  private static RunningPlatform platform;
  private static int deadPort;

  @BeforeAll
  static void start() throws Exception {
    deadPort = RunningPlatform.freePort();
    platform = RunningPlatform.start(new FakeOllamaOptions().tokensPerAnswer(3).tokenDelayMs(1),
        new JsonObject().put("pg", new JsonObject().put("url", "postgresql://postgres@127.0.0.1:" + deadPort + "/gone")));
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  /** Verifies that the conversation routes answer 503 storage-unavailable naming PostgreSQL. */
  @Test
  void conversationRoutesAnswer503() {
    Reply list = platform.get("/api/v1/conversations");

    assertThat(list.status()).isEqualTo(503);
    assertThat(list.json().getString("type")).isEqualTo("urn:sutazai:problem:storage-unavailable");
    assertThat(list.json().getString("detail")).contains("PostgreSQL", "127.0.0.1:" + deadPort);
  }

  /** Verifies that a chat without conversation_id is answered, saying its history was not stored. */
  @Test
  void chatWithoutConversationStillWorks() {
    Reply reply = platform.postAndRead("/api/v1/chat", chat("still here").put("stream", false));

    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    assertThat(reply.json().getJsonObject("message").getString("content")).isNotEmpty();
    assertThat(reply.json().getValue("conversation_id")).isNull();
    assertThat(reply.json().getString("storage_error")).contains("PostgreSQL");
  }

  /** Verifies that continuing a conversation answers 503 before anything is generated. */
  @Test
  void continuingAConversationAnswers503() {
    platform.ollama.recorder().reset();

    Reply reply = platform.postAndRead("/api/v1/chat",
        chat("go on").put("conversation_id", "0b5e3f2a-1111-4222-8333-444455556666"));

    assertThat(reply.status()).isEqualTo(503);
    assertThat(platform.ollama.recorder().generationBodies()).isEmpty();
  }

  /** Verifies that readiness and the storage gauge report PostgreSQL down. */
  @Test
  void readinessAndMetricsSayPostgresIsDown() {
    Reply ready = platform.get("/api/v1/system/ready");

    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.json().getJsonObject("components").getJsonObject("postgres").getString("status"))
        .isEqualTo("down");
    assertThat(platform.get("/metrics").body().toString())
        .contains("sutazai_storage_available{component=\"postgres\"} 0.0")
        .contains("sutazai_storage_available{component=\"cache\"} 1.0");
  }
}
