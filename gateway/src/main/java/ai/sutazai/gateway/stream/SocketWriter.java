package ai.sutazai.gateway.stream;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * Writes JSON text frames to a server WebSocket: counted as an open WebSocket stream from its creation until
 * {@link #closed()}, with the bytes of each frame, and guarded by a {@link StallGuard} that runs the socket's stall
 * action once its client leaves more than the buffer unread.
 */
public final class SocketWriter {

  private final ServerWebSocket socket;
  private final StallGuard guard;
  private final StreamMeters.OpenStream stream;

  public SocketWriter(ServerWebSocket socket, int bufferBytes, String requestId, Runnable onStall,
      StreamMeters meters) {
    this.socket = socket;
    this.guard = new StallGuard(socket, bufferBytes, requestId, onStall);
    this.stream = meters.open(StreamTransport.WEBSOCKET);
  }

  /** Writes the frame, unless the client has already stopped reading. */
  public void send(JsonObject frame) {
    if (guard.stalled()) {
      return;
    }
    String text = frame.encode();
    stream.wrote(text);
    socket.writeTextMessage(text);
    guard.wrote();
  }

  /** Counts the socket as closed; later calls do nothing. */
  public void closed() {
    stream.close();
  }
}
