package ai.sutazai.inference.ollama;

import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Non-blocking HTTP client for one Ollama server: streamed calls for generations and pulls, and
 * one-shot JSON calls for the admin endpoints. Keep-alive connections, a pool sized for
 * {@code parallel} generations plus admin calls, and a connect timeout. Create it on the event loop
 * that will use it; every callback runs there.
 */
public final class OllamaClient {

  /** Connections beyond {@code parallel} for admin calls and pulls. */
  static final int ADMIN_CONNECTIONS = 8;

  private final Vertx vertx;
  private final OllamaEndpoint endpoint;
  private final int connectTimeoutMs;
  private final int busyRetries;
  private final HttpClient client;

  public OllamaClient(Vertx vertx, OllamaEndpoint endpoint, int parallel, int connectTimeoutMs, int busyRetries) {
    this.vertx = vertx;
    this.endpoint = endpoint;
    this.connectTimeoutMs = connectTimeoutMs;
    this.busyRetries = busyRetries;
    this.client = vertx.createHttpClient(
        new HttpClientOptions()
            .setDefaultHost(endpoint.host())
            .setDefaultPort(endpoint.port())
            .setSsl(endpoint.ssl())
            .setKeepAlive(true)
            .setTcpNoDelay(true)
            .setConnectTimeout(connectTimeoutMs),
        new PoolOptions().setHttp1MaxSize(parallel + ADMIN_CONNECTIONS));
  }

  public OllamaEndpoint endpoint() {
    return endpoint;
  }

  /**
   * Starts a streamed POST to an API path; {@code handler} hears the outcome. Ollama's 503 "busy"
   * is retried {@code ollama.busy_retries} times with exponential backoff from 100 ms.
   */
  public OllamaStreamCall stream(String apiPath, JsonObject body, OllamaStreamHandler handler) {
    RequestOptions options = options(HttpMethod.POST, apiPath).putHeader("Accept", "application/x-ndjson");
    OllamaStreamCall call = new OllamaStreamCall(vertx, client, endpoint, options, body.toBuffer(),
        busyRetries, handler);
    call.start();
    return call;
  }

  /**
   * One request answered by one JSON object ({@code {}} for an empty 200 body). Fails with a
   * {@link ProblemException} mapped by {@link OllamaFailures}.
   *
   * @param body      the JSON body, or null for none
   * @param timeoutMs how long to wait for the connection and for each part of the answer
   */
  public Future<JsonObject> exchange(HttpMethod method, String apiPath, JsonObject body, long timeoutMs) {
    RequestOptions options = options(method, apiPath)
        .setConnectTimeout(Math.min(connectTimeoutMs, timeoutMs))
        .setIdleTimeout(timeoutMs);
    return client.request(options)
        .compose(request -> body == null ? request.send() : request.send(body.toBuffer()))
        .compose(response -> response.body().compose(answer -> response.statusCode() == 200
            ? parse(answer)
            : Future.failedFuture(OllamaFailures.forStatus(response.statusCode(), answer.toString()).asException())))
        .recover(failure -> Future.failedFuture(failure instanceof ProblemException
            ? failure
            : OllamaFailures.forThrowable(failure, endpoint).asException()));
  }

  private static Future<JsonObject> parse(Buffer answer) {
    if (answer.length() == 0) {
      return Future.succeededFuture(new JsonObject());
    }
    try {
      return Future.succeededFuture(new JsonObject(answer));
    } catch (DecodeException | ClassCastException e) {
      return Future.failedFuture(ProblemType.OLLAMA_ERROR.problem("Ollama answered something that is not a JSON object")
          .asException());
    }
  }

  private RequestOptions options(HttpMethod method, String apiPath) {
    return new RequestOptions()
        .setMethod(method)
        .setHost(endpoint.host())
        .setPort(endpoint.port())
        .setSsl(endpoint.ssl())
        .setURI(endpoint.uri(apiPath))
        .putHeader("Content-Type", "application/json");
  }

  public Future<Void> close() {
    return client.close();
  }
}
