package ai.sutazai.gateway.stream;

import io.vertx.core.streams.WriteStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a client that stops reading from making the server buffer without bound. Every streaming
 * writer (SSE, NDJSON, WebSocket) asks it after each write; once the stream's write queue is past
 * {@code http.stream_buffer_bytes} the guard runs its stall action (end the stream, cancel the
 * generation) exactly once.
 */
public final class StallGuard {

  private static final Logger log = LoggerFactory.getLogger(StallGuard.class);

  private final WriteStream<?> stream;
  private final int maxBytes;
  private final String requestId;
  private final Runnable onStall;
  private boolean stalled;

  public StallGuard(WriteStream<?> stream, int maxBytes, String requestId, Runnable onStall) {
    this.stream = stream;
    this.maxBytes = maxBytes;
    this.requestId = requestId;
    this.onStall = onStall;
    stream.setWriteQueueMaxSize(maxBytes);
  }

  /**
   * Call after each write. Returns true while the client keeps up; false once it has left more
   * than the bound unread, after running the stall action.
   */
  public boolean wrote() {
    if (stalled) {
      return false;
    }
    if (stream.writeQueueFull()) {
      stalled = true;
      log.warn("[{}] client stopped reading ({} bytes unsent); ending its stream and what it was waiting for",
          requestId, maxBytes);
      onStall.run();
      return false;
    }
    return true;
  }

  public boolean stalled() {
    return stalled;
  }
}
