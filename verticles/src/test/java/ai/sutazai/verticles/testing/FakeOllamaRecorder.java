package ai.sutazai.verticles.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What the fake Ollama saw, for assertions: every request, the order in which generations started
 * (labelled by the last message or the prompt), how many run now, the peak, which ended and which
 * callers hung up before their answer was complete. Safe to read from any thread.
 */
public final class FakeOllamaRecorder {

  private final Vertx vertx;
  private final List<String> requests = new ArrayList<>();
  private final List<String> started = new ArrayList<>();
  private final List<String> completed = new ArrayList<>();
  private final List<String> hungUp = new ArrayList<>();
  private final List<JsonObject> generationBodies = new ArrayList<>();
  private int running;
  private int peakRunning;

  FakeOllamaRecorder(Vertx vertx) {
    this.vertx = vertx;
  }

  synchronized void request(String method, String path) {
    requests.add(method + " " + path);
  }

  synchronized void generationStarted(String label) {
    started.add(label);
    running++;
    peakRunning = Math.max(peakRunning, running);
  }

  synchronized void generationEnded(String label, boolean complete) {
    running--;
    (complete ? completed : hungUp).add(label);
  }

  /** Records a caller that hung up outside a running generation (waiting for a slot, or pulling). */
  synchronized void recordHangUp(String label) {
    hungUp.add(label);
  }

  synchronized void generationRequested(JsonObject body) {
    generationBodies.add(body.copy());
  }

  /** The bodies of every chat and generate request, in arrival order (what SutazAI sent to Ollama). */
  public synchronized List<JsonObject> generationBodies() {
    return List.copyOf(generationBodies);
  }

  /** Every request as {@code "METHOD /path"}, in arrival order. */
  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  /** How many requests arrived for this path (any method). */
  public synchronized long requestCount(String path) {
    return requests.stream().filter(r -> r.endsWith(" " + path)).count();
  }

  /** Labels of generations in the order they took a slot. */
  public synchronized List<String> started() {
    return List.copyOf(started);
  }

  /** Labels of generations that sent their final line. */
  public synchronized List<String> completed() {
    return List.copyOf(completed);
  }

  /** Labels of callers that closed the connection before their answer ended. */
  public synchronized List<String> hungUp() {
    return List.copyOf(hungUp);
  }

  public synchronized int running() {
    return running;
  }

  /** The most generations that ever ran at once. */
  public synchronized int peakRunning() {
    return peakRunning;
  }

  /** Forgets everything recorded so far, except generations still running. */
  public synchronized void reset() {
    requests.clear();
    started.clear();
    completed.clear();
    hungUp.clear();
    generationBodies.clear();
    peakRunning = running;
  }

  /**
   * Completes once the condition holds, checked every few milliseconds; fails when it still does
   * not hold after {@code timeoutMs}, with the given description and what was recorded.
   */
  public Future<Void> waitFor(String description, long timeoutMs, BooleanSupplier condition) {
    Promise<Void> promise = Promise.promise();
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    if (condition.getAsBoolean()) {
      return Future.succeededFuture();
    }
    // The timer is set from an event loop: set from a test thread, its first tick can race its own setup.
    vertx.runOnContext(start -> vertx.setPeriodic(2, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        promise.tryComplete();
      } else if (System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        promise.tryFail(new AssertionError("fake Ollama: timed out after " + timeoutMs
            + " ms waiting for " + description + "; " + this));
      }
    }));
    return promise.future();
  }

  /** Waits until {@code count} generations have started. */
  public Future<Void> waitForStarted(int count, long timeoutMs) {
    return waitFor(count + " started generations", timeoutMs, () -> started().size() >= count);
  }

  /** Waits until {@code count} callers have hung up. */
  public Future<Void> waitForHangUps(int count, long timeoutMs) {
    return waitFor(count + " hang-ups", timeoutMs, () -> hungUp().size() >= count);
  }

  @Override
  public synchronized String toString() {
    return "started=" + started + " completed=" + completed + " hungUp=" + hungUp
        + " running=" + running + " peak=" + peakRunning + " requests=" + requests.size();
  }
}
