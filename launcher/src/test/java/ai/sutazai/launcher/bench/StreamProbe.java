package ai.sutazai.launcher.bench;

import ai.sutazai.launcher.TestJwt;
import ai.sutazai.launcher.e2e.OnContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** Sends chats and notes when each token reaches the client (nanoTime, from the send). */
final class StreamProbe {

  static final Predicate<String> NDJSON_TOKEN = line -> line.contains("\"done\":false");
  static final Predicate<String> SSE_TOKEN = line -> line.equals("event: token");

  private final HttpClient client;
  private final OnContext onContext;

  StreamProbe(Vertx vertx, HttpClient client) {
    this.client = client;
    this.onContext = new OnContext(vertx);
  }

  static JsonObject chat(String model, String text) {
    return new JsonObject().put("model", model)
        .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", text)));
  }

  /** Token arrival times in nanoseconds after the request was sent. */
  Future<List<Long>> tokenTimes(int port, String path, JsonObject body, Predicate<String> isToken) {
    return onContext.run(() -> startTimed(port, path, body, isToken));
  }

  private Future<List<Long>> startTimed(int port, String path, JsonObject body, Predicate<String> isToken) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
        .setURI(path).putHeader("content-type", "application/json")
        .putHeader("Authorization", TestJwt.ADMIN);
    List<Long> times = new ArrayList<>();
    long start = System.nanoTime();
    return client.request(options).compose(request -> request.send(body.toBuffer())).compose(response -> {
      Promise<List<Long>> done = Promise.promise();
      RecordParser lines = RecordParser.newDelimited("\n", line -> {
        if (isToken.test(line.toString())) {
          times.add(System.nanoTime() - start);
        }
      });
      response.handler(lines);
      response.endHandler(v -> done.complete(times));
      response.exceptionHandler(done::tryFail);
      return done.future();
    });
  }

  /** An SSE chat as the client saw it: token arrival times, the arrival of {@code done} and its data. */
  record TimedStream(List<Long> tokens, long done, JsonObject doneData) {

    /** Microseconds from the last token to the done event. */
    long lastTokenToDoneMicros() {
      return (done - tokens.get(tokens.size() - 1)) / 1_000;
    }
  }

  /** Streams an SSE chat of SutazAI's own API and times its tokens and its {@code done} event. */
  Future<TimedStream> sseChat(int port, JsonObject body) {
    return onContext.run(() -> {
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
          .setURI("/api/v1/chat").putHeader("content-type", "application/json")
        .putHeader("Authorization", TestJwt.ADMIN);
      long start = System.nanoTime();
      List<Long> tokens = new ArrayList<>();
      long[] done = {-1};
      AtomicReference<JsonObject> doneData = new AtomicReference<>();
      return client.request(options).compose(request -> request.send(body.copy().put("stream", true).toBuffer()))
          .compose(response -> {
            if (response.statusCode() != 200) {
              return response.body().compose(b -> Future.failedFuture("status " + response.statusCode() + ": " + b));
            }
            Promise<TimedStream> finished = Promise.promise();
            RecordParser lines = RecordParser.newDelimited("\n", line -> {
              String text = line.toString();
              if (text.equals("event: token")) {
                tokens.add(System.nanoTime() - start);
              } else if (text.equals("event: done")) {
                done[0] = System.nanoTime() - start;
              } else if (done[0] >= 0 && doneData.get() == null && text.startsWith("data: ")) {
                doneData.set(new JsonObject(text.substring(6)));
              }
            });
            response.handler(lines);
            response.endHandler(v -> finished.complete(new TimedStream(tokens, done[0], doneData.get())));
            response.exceptionHandler(finished::tryFail);
            return finished.future();
          });
    });
  }

  /** Opens a {@code /ws/chat} socket on the probe's event-loop context. */
  Future<TimedSocket> openSocket(WebSocketClient webSockets, int port) {
    return onContext.run(() -> webSockets.connect(new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(port).setURI("/ws/chat").addHeader("Authorization", TestJwt.ADMIN))
        .map(TimedSocket::new));
  }

  /**
   * A {@code /ws/chat} socket that times one chat at a time. Its frame handler is installed once,
   * before the first chat, and finds the chat in progress through an atomic reference, because the
   * benchmark's thread starts chats while the socket's event loop receives frames.
   */
  static final class TimedSocket {

    private record Pending(long start, List<Long> times, Promise<List<Long>> done) {
    }

    private final WebSocket socket;
    private final AtomicReference<Pending> current = new AtomicReference<>();

    private TimedSocket(WebSocket socket) {
      this.socket = socket;
      socket.textMessageHandler(this::onFrame);
      socket.closeHandler(v -> {
        Pending pending = current.get();
        if (pending != null) {
          pending.done().tryFail("the socket closed: " + socket.closeStatusCode() + " " + socket.closeReason());
        }
      });
    }

    Future<List<Long>> tokenTimes(String id, JsonObject chat) {
      Pending pending = new Pending(System.nanoTime(), new ArrayList<>(), Promise.promise());
      current.set(pending);
      socket.writeTextMessage(chat.copy().put("type", "chat").put("id", id).encode());
      return pending.done().future();
    }

    private void onFrame(String text) {
      Pending pending = current.get();
      JsonObject frame = new JsonObject(text);
      switch (frame.getString("type")) {
        case "token" -> pending.times().add(System.nanoTime() - pending.start());
        case "done" -> pending.done().tryComplete(pending.times());
        default -> pending.done().tryFail(text);
      }
    }

    Future<Void> close() {
      return socket.close();
    }
  }

  /** A complete answer. */
  record Answer(int status, Buffer body) {
  }

  /** Posts and reads the whole answer. */
  Future<Answer> post(int port, String path, JsonObject body) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
        .setURI(path).putHeader("content-type", "application/json")
        .putHeader("Authorization", TestJwt.ADMIN);
    return onContext.run(() -> client.request(options).compose(request -> request.send(body.toBuffer()))
        .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b))));
  }

  JsonObject getJson(int port, String path) {
    return get(port, path).await().body().toJsonObject();
  }

  /** Gets and reads the whole answer. */
  Future<Answer> get(int port, String path) {
    return onContext.run(() -> client.request(HttpMethod.GET, port, "127.0.0.1", path)
        .compose(request -> request.putHeader("Authorization", TestJwt.ADMIN).send())
        .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b))));
  }
}
