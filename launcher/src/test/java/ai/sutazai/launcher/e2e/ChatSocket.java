package ai.sutazai.launcher.e2e;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A client of {@code /ws/chat} (or of another WebSocket route of the gateway, such as {@code /ws/agents}) that keeps
 * every frame it receives, for tests to wait on.
 */
final class ChatSocket implements AutoCloseable {

  private static final Set<String> FINAL = Set.of("done", "error", "cancelled");
  private final WebSocket socket;
  private final List<JsonObject> frames = new CopyOnWriteArrayList<>();

  private ChatSocket(WebSocket socket) {
    this.socket = socket;
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
  }

  /** Connects on the platform's client context, where the frame handler is installed before any frame arrives. */
  static ChatSocket open(RunningPlatform platform) {
    return open(platform, "/ws/chat", platform.defaultAuthorization());
  }

  /** Connects to the WebSocket route {@code uri} with this {@code Authorization}. */
  static ChatSocket open(RunningPlatform platform, String uri, String authorization) {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(platform.port).setURI(uri)
        .addHeader("Authorization", authorization);
    return platform.onContext(() -> platform.webSockets.connect(options).map(ChatSocket::new)).await();
  }

  void send(JsonObject frame) {
    sendText(frame.encode());
  }

  /** Sends a text frame as it is, JSON or not. */
  void sendText(String text) {
    socket.writeTextMessage(text).await();
  }

  void sendBinary(Buffer bytes) {
    socket.writeBinaryMessage(bytes).await();
  }

  /** Waits for the first frame that matches, and returns it. */
  JsonObject await(String what, Predicate<JsonObject> matches) {
    return Eventually.value(what + " frame", Eventually.DEFAULT,
        () -> frames.stream().filter(matches).findFirst());
  }

  /** Waits for the done, error or cancelled frame of conversation {@code id}; returns its frames in order. */
  List<JsonObject> awaitFinal(String id) {
    await("final frame of " + id, f -> id.equals(f.getString("id")) && FINAL.contains(f.getString("type")));
    return frames.stream().filter(f -> id.equals(f.getString("id"))).toList();
  }

  List<JsonObject> frames() {
    return List.copyOf(frames);
  }

  @Override
  public void close() {
    socket.close().await();
  }
}
