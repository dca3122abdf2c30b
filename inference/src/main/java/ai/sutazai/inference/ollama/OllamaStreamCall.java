package ai.sutazai.inference.ollama;

import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * One streamed call to Ollama (chat, generate, embed or pull). Retries Ollama's 503 "busy" with
 * exponential backoff, parses the NDJSON answer incrementally, turns an {@code {"error":...}} line
 * into a failure, and can be aborted at any moment: {@link #abort()} resets the HTTP/1.1 request,
 * which closes its connection so Ollama stops generating.
 */
public final class OllamaStreamCall {

  static final long FIRST_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 5_000;
  private static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

  private final Vertx vertx;
  private final HttpClient client;
  private final OllamaEndpoint endpoint;
  private final RequestOptions options;
  private final Buffer body;
  private final int busyRetries;
  private final OllamaStreamHandler handler;
  private HttpClientRequest request;
  private long retryTimer = -1;
  private boolean finished;

  OllamaStreamCall(Vertx vertx, HttpClient client, OllamaEndpoint endpoint, RequestOptions options,
      Buffer body, int busyRetries, OllamaStreamHandler handler) {
    this.vertx = vertx;
    this.client = client;
    this.endpoint = endpoint;
    this.options = options;
    this.body = body;
    this.busyRetries = busyRetries;
    this.handler = handler;
  }

  void start() {
    attempt(0);
  }

  /** Stops the call: no more callbacks, and Ollama sees its connection close. Idempotent. */
  public void abort() {
    if (finished) {
      return;
    }
    finished = true;
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
    }
    if (request != null) {
      request.reset();
    }
  }

  private void attempt(int retry) {
    retryTimer = -1;
    client.request(options)
        .compose(req -> {
          request = req;
          req.exceptionHandler(failure -> {
            if (!finished) {
              fail(OllamaFailures.forThrowable(failure, endpoint));
            }
          });
          if (finished) {
            req.reset();
            return Future.failedFuture("aborted before it was sent");
          }
          return req.send(body);
        })
        .onComplete(result -> onResponse(result, retry));
  }

  private void onResponse(AsyncResult<HttpClientResponse> result, int retry) {
    if (finished) {
      return;
    }
    if (result.failed()) {
      fail(OllamaFailures.forThrowable(result.cause(), endpoint));
      return;
    }
    HttpClientResponse response = result.result();
    if (response.statusCode() == 200) {
      stream(response);
      return;
    }
    response.body().onComplete(errorBody -> {
      if (finished) {
        return;
      }
      String text = errorBody.succeeded() ? errorBody.result().toString()
          : "(its answer could not be read: " + errorBody.cause().getMessage() + ")";
      if (OllamaFailures.isBusy(response.statusCode()) && retry < busyRetries) {
        long backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << retry);
        retryTimer = vertx.setTimer(backoff, id -> attempt(retry + 1));
        return;
      }
      Problem problem = OllamaFailures.forStatus(response.statusCode(), text);
      if (OllamaFailures.isBusy(response.statusCode())) {
        problem = ProblemType.OLLAMA_BUSY.problem(problem.detail() + " (gave up after " + retry + " retries)");
      }
      fail(problem);
    });
  }

  private void stream(HttpClientResponse response) {
    handler.onAccepted();
    NdjsonDecoder decoder = new NdjsonDecoder(MAX_LINE_BYTES, this::onRecord);
    response.handler(chunk -> {
      if (finished) {
        return;
      }
      try {
        decoder.feed(chunk);
      } catch (IllegalStateException e) {
        failAndClose(ProblemType.OLLAMA_ERROR.problem("Ollama sent " + e.getMessage()));
      }
    });
    response.exceptionHandler(failure -> {
      if (!finished) {
        fail(ProblemType.OLLAMA_ERROR.problem("the connection to Ollama at " + endpoint.url()
            + " broke mid-stream: " + failure.getMessage()));
      }
    });
    response.endHandler(v -> {
      if (finished) {
        return;
      }
      decoder.finish();
      if (!finished) {
        finished = true;
        handler.onEnd();
      }
    });
  }

  private void onRecord(Buffer record) {
    if (finished) {
      return;
    }
    JsonObject line;
    try {
      line = new JsonObject(record);
    } catch (DecodeException | ClassCastException e) {
      failAndClose(ProblemType.OLLAMA_ERROR.problem("Ollama sent a line that is not a JSON object: "
          + record.toString().substring(0, Math.min(record.length(), 200))));
      return;
    }
    Object error = line.getValue("error");
    if (error != null) {
      fail(OllamaFailures.forErrorLine(String.valueOf(error)));
      return;
    }
    handler.onLine(line);
  }

  private void fail(Problem problem) {
    if (finished) {
      return;
    }
    finished = true;
    handler.onFailure(problem);
  }

  private void failAndClose(Problem problem) {
    fail(problem);
    if (request != null) {
      request.reset();
    }
  }
}
