package ai.sutazai.launcher.e2e;

import static ai.sutazai.launcher.e2e.RunningPlatform.chat;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A requester that goes away frees Ollama's slot at once for the next queued chat. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CancellationIT {

  private static final long PROMPT_MS = 2_000;
  private RunningPlatform platform;

  @BeforeEach
  void start() throws Exception {
    platform = RunningPlatform.start(new FakeOllamaOptions().tokensPerAnswer(200).tokenDelayMs(50));
  }

  @AfterEach
  void stop() {
    platform.close();
  }

  /** Verifies that an SSE client that disconnects mid-stream aborts its generation and the next queued chat starts. */
  @Test
  void disconnectingStreamClientFreesTheSlot() {
    Promise<Void> firstToken = Promise.promise();
    HttpClientResponse stream = platform.postStreaming("/api/v1/chat", chat("doomed").put("stream", true),
        chunk -> firstToken.tryComplete()).await();
    Future<Reply> next = queueNext();
    firstToken.future().await();

    long closedAt = System.nanoTime();
    stream.request().connection().close();

    assertNextStartsPromptly(closedAt, "doomed", next);
  }

  /** Verifies that a WebSocket cancel answers cancelled, aborts the generation, and the next queued chat starts. */
  @Test
  void webSocketCancelFreesTheSlot() {
    try (ChatSocket socket = ChatSocket.open(platform)) {
      socket.send(new JsonObject().put("type", "chat").put("id", "c1")
          .put("messages", chat("ws-doomed").getJsonArray("messages")));
      socket.await("first token", f -> "token".equals(f.getString("type")));
      Future<Reply> next = queueNext();

      long cancelledAt = System.nanoTime();
      socket.send(new JsonObject().put("type", "cancel").put("id", "c1"));

      assertThat(socket.await("cancelled", f -> "cancelled".equals(f.getString("type"))).getString("id"))
          .isEqualTo("c1");
      assertNextStartsPromptly(cancelledAt, "ws-doomed", next);
    }
  }

  /** Verifies that closing a WebSocket aborts the chats running on it. */
  @Test
  void closingTheSocketCancelsItsChats() {
    ChatSocket socket = ChatSocket.open(platform);
    socket.send(new JsonObject().put("type", "chat").put("id", "c1")
        .put("messages", chat("ws-closed").getJsonArray("messages")));
    socket.await("first token", f -> "token".equals(f.getString("type")));
    Future<Reply> next = queueNext();

    long closedAt = System.nanoTime();
    socket.close();

    assertNextStartsPromptly(closedAt, "ws-closed", next);
  }

  /** Queues a chat behind the running one (which takes about 10 s); the queued one itself is quick. */
  private Future<Reply> queueNext() {
    platform.ollama.options().tokensPerAnswer(3).tokenDelayMs(1);
    Future<Reply> next = platform.postLater("/api/v1/chat", chat("next").put("priority", "low"));
    Eventually.until("the next chat to be queued",
        () -> platform.get("/api/v1/system/status").json().getInteger("queued") == 1);
    return next;
  }

  private void assertNextStartsPromptly(long goneAt, String gone, Future<Reply> next) {
    Eventually.until("the next chat to start", () -> platform.ollama.recorder().started().contains("next"));
    long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - goneAt);
    assertThat(platform.ollama.recorder().hungUp()).contains(gone);
    assertThat(waitedMs).as("the aborted generation had seconds left; the next one must not wait for it")
        .isLessThan(PROMPT_MS);
    assertThat(next.await().status()).isEqualTo(200);
  }
}
