package ai.sutazai.inference;

import ai.sutazai.verticles.testing.FakeOllama;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP hop between the inference verticle and a fake Ollama that keeps every JSON request body
 * it forwards, so a test can see exactly what Ollama was sent. Answers stream back unchanged.
 */
final class OllamaBodyTap {

  /** One forwarded request with a body. */
  record Forwarded(String path, JsonObject body) {
  }

  private final HttpClient client;
  private final List<Forwarded> forwarded = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private volatile FakeOllama target;

  private OllamaBodyTap(Vertx vertx) {
    this.client = vertx.createHttpClient();
  }

  /** Starts listening on a free port of 127.0.0.1; requests wait for {@link #forwardTo} to be useful. */
  static OllamaBodyTap start(Vertx vertx) {
    OllamaBodyTap tap = new OllamaBodyTap(vertx);
    tap.server = vertx.createHttpServer().requestHandler(tap::forward).listen(0, "127.0.0.1").await();
    return tap;
  }

  void forwardTo(FakeOllama fake) {
    this.target = fake;
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The bodies sent to this path, in order. */
  List<JsonObject> bodies(String path) {
    return forwarded.stream().filter(f -> f.path().equals(path)).map(Forwarded::body).toList();
  }

  private void forward(HttpServerRequest request) {
    RequestOptions options = new RequestOptions().setMethod(request.method()).setHost("127.0.0.1")
        .setPort(target.port()).setURI(request.uri());
    request.body()
        .compose(body -> {
          record(request.path(), body);
          return client.request(options).compose(outgoing -> outgoing.send(body));
        })
        .onSuccess(answer -> {
          request.response().setStatusCode(answer.statusCode()).setChunked(true);
          String contentType = answer.getHeader("Content-Type");
          if (contentType != null) {
            request.response().putHeader("Content-Type", contentType);
          }
          answer.pipeTo(request.response());
        })
        .onFailure(failure -> request.response().setStatusCode(502).end("tap could not forward: " + failure));
  }

  private void record(String path, Buffer body) {
    if (body.length() > 0) {
      forwarded.add(new Forwarded(path, body.toJsonObject()));
    }
  }
}
