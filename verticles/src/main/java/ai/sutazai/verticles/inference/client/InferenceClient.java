package ai.sutazai.verticles.inference.client;

import ai.sutazai.verticles.bus.ServiceRequests;
import ai.sutazai.verticles.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The gateway's only way to the inference verticle: event-bus calls that carry the request id in
 * the {@code x-request-id} header and fail with a {@link ai.sutazai.verticles.problem.ProblemException}.
 */
public final class InferenceClient {

  /** How long an admin call (tags, show, delete, ...) may take before it answers 504. */
  public static final long ADMIN_TIMEOUT_MS = 30_000;
  /** How long the inference verticle may take to accept or reject a submission. */
  public static final long ACK_TIMEOUT_MS = 15_000;
  /** Time beyond a request's deadline after which the gateway gives up on a silent inference verticle. */
  public static final long WATCHDOG_MARGIN_MS = 10_000;

  private final Vertx vertx;
  private final ServiceRequests requests;
  private final long defaultDeadlineMs;
  private final long ackTimeoutMs;

  public InferenceClient(Vertx vertx, JsonObject config) {
    this(vertx, config, ACK_TIMEOUT_MS);
  }

  /** A client whose calls wait {@code ackTimeoutMs} for SUBMIT and PULL to be acknowledged. */
  InferenceClient(Vertx vertx, JsonObject config, long ackTimeoutMs) {
    this.vertx = vertx;
    this.requests = new ServiceRequests(vertx, null);
    this.defaultDeadlineMs = Settings.QUEUE_DEADLINE_MS.longIn(config);
    this.ackTimeoutMs = ackTimeoutMs;
  }

  /** A new streaming call (a chat, a generation, an embedding or a pull) for one client request. */
  public InferenceCall call(String requestId) {
    return new InferenceCall(vertx, this, requestId);
  }

  /** Asks an inference address and gets its JSON reply. */
  public Future<JsonObject> ask(String address, JsonObject body, String requestId, long timeoutMs) {
    return requests.ask(address, body, requestId, timeoutMs);
  }

  public Future<JsonObject> ask(String address, JsonObject body, String requestId) {
    return ask(address, body, requestId, ADMIN_TIMEOUT_MS);
  }

  long ackTimeoutMs() {
    return ackTimeoutMs;
  }

  /** When the gateway stops waiting for a request that never finished: its deadline plus a margin. */
  long watchdogMs(long timeoutMs) {
    return (timeoutMs > 0 ? timeoutMs : defaultDeadlineMs) + WATCHDOG_MARGIN_MS;
  }
}
