package ai.sutazai.gateway.testing;

import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The JSON frames a test WebSocket receives, read from the JUnit thread with a deadline. */
public final class SocketFrames {

  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final WebSocket socket;

  public SocketFrames(WebSocket socket) {
    this.socket = socket;
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
  }

  public void send(JsonObject frame) throws Exception {
    socket.writeTextMessage(frame.encode()).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  public void sendText(String text) throws Exception {
    socket.writeTextMessage(text).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** The next frame; fails the test when none arrives in time. */
  public JsonObject next() throws InterruptedException {
    JsonObject frame = frames.poll(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    if (frame == null) {
      throw new AssertionError("no WebSocket frame within " + TestGateway.WAIT_SECONDS + " s");
    }
    return frame;
  }

  /** Every frame up to and including the first that matches {@code last}. */
  public List<JsonObject> until(Predicate<JsonObject> last) throws InterruptedException {
    List<JsonObject> received = new ArrayList<>();
    JsonObject frame;
    do {
      frame = next();
      received.add(frame);
    } while (!last.test(frame));
    return received;
  }

  /** Every frame until each of the conversations {@code ids} has ended (done or error). */
  public List<JsonObject> untilEnded(String... ids) throws InterruptedException {
    List<JsonObject> received = new ArrayList<>();
    Set<String> running = new HashSet<>(Arrays.asList(ids));
    while (!running.isEmpty()) {
      JsonObject frame = next();
      received.add(frame);
      running.removeIf(id -> ended(id).test(frame));
    }
    return received;
  }

  public static Predicate<JsonObject> ended(String id) {
    return f -> id.equals(f.getString("id"))
        && ("done".equals(f.getString("type")) || "error".equals(f.getString("type")));
  }
}
