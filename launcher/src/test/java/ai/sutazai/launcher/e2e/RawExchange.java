package ai.sutazai.launcher.e2e;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Bytes written straight onto a TCP connection, for requests no HTTP client would send (duplicate
 * or conflicting lengths, broken header lines, odd methods and versions), and whatever came back
 * until the server closed the connection or {@link #WAIT_MS} passed.
 */
final class RawExchange {

  static final long WAIT_MS = 3_000;

  private final Vertx vertx;
  private final NetClient client;
  private final int port;

  RawExchange(Vertx vertx, int port) {
    this.vertx = vertx;
    this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(2_000));
    this.port = port;
  }

  /** What the server answered: its status (0 when it answered nothing) and the head of the answer. */
  record Answer(int status, String head, Buffer bytes) {

    /** The value of the first header called {@code name}, or null. */
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }

    /** The body after the head, as sent (a chunked body keeps its chunk lines). */
    String body() {
      String all = bytes.toString(StandardCharsets.ISO_8859_1);
      int end = all.indexOf("\r\n\r\n");
      return end < 0 ? "" : all.substring(end + 4);
    }
  }

  /** Sends {@code request} and collects the answer; runs on a Vert.x context, callers await it. */
  Future<Answer> send(Buffer request) {
    Promise<Answer> done = Promise.promise();
    vertx.runOnContext(v -> client.connect(port, "127.0.0.1").onComplete(connected -> {
      if (connected.failed()) {
        done.tryFail(connected.cause());
        return;
      }
      Buffer received = Buffer.buffer();
      long timer = vertx.setTimer(WAIT_MS, t -> {
        connected.result().close();
        done.tryComplete(answerOf(received));
      });
      connected.result().handler(received::appendBuffer);
      connected.result().closeHandler(closed -> {
        vertx.cancelTimer(timer);
        done.tryComplete(answerOf(received));
      });
      connected.result().exceptionHandler(e -> connected.result().close());
      connected.result().write(request);
    }));
    return done.future();
  }

  private static Answer answerOf(Buffer received) {
    String text = received.toString(StandardCharsets.ISO_8859_1);
    if (!text.startsWith("HTTP/1.")) {
      return new Answer(0, text, received);
    }
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    String[] statusLine = head.split("\r\n", 2)[0].split(" ");
    int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1].trim()) : 0;
    return new Answer(status, head.toLowerCase(Locale.ROOT).startsWith("http/") ? head : "", received);
  }
}
