package ai.sutazai.gateway.storage;

import ai.sutazai.verticles.bus.ServiceRequests;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The gateway's only way to the storage verticle ({@link ai.sutazai.verticles.storage.StorageAddresses}):
 * event-bus requests that carry the request id and fail with a problem, 503
 * {@code storage-unavailable} when the storage verticle is not running.
 */
public final class StorageClient {

  /** How long a storage call may take before it answers 504. */
  public static final long TIMEOUT_MS = 10_000;

  private final ServiceRequests requests;

  public StorageClient(Vertx vertx) {
    this.requests = new ServiceRequests(vertx, ProblemType.STORAGE_UNAVAILABLE.problem("storage is not running"));
  }

  /** Asks a storage address and gets its JSON reply. */
  public Future<JsonObject> ask(String address, JsonObject body, String requestId, long timeoutMs) {
    return requests.ask(address, body, requestId, timeoutMs);
  }

  public Future<JsonObject> ask(String address, JsonObject body, String requestId) {
    return ask(address, body, requestId, TIMEOUT_MS);
  }
}
