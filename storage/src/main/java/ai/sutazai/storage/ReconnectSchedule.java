package ai.sutazai.storage;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * When a connection that must stay up (RabbitMQ, a Redis subscriber) tries again after it was lost or could not
 * be opened: after a delay that starts at {@code initialDelay} and doubles up to {@code maxDelay}, one attempt at
 * a time, reset once a connection is up. It knows whether an outage is going on, so that the owner logs its start
 * and its end once each. Used on its owner's context only; {@link #onContext} gets there.
 */
public final class ReconnectSchedule {

  private final Vertx vertx;
  private final Context context;
  private final long initialDelayMs;
  private final long maxDelayMs;
  private final Runnable attempt;
  private long delayMs;
  private long timer = -1;
  private boolean outage;
  private boolean stopped;

  /** @param attempt opens a new connection; run on {@code context} when a retry is due */
  public ReconnectSchedule(Vertx vertx, Context context, Duration initialDelay, Duration maxDelay, Runnable attempt) {
    this.vertx = vertx;
    this.context = context;
    this.initialDelayMs = initialDelay.toMillis();
    this.maxDelayMs = maxDelay.toMillis();
    this.attempt = attempt;
    this.delayMs = initialDelayMs;
  }

  /** Runs {@code action} on {@code context}, at once when already there. */
  public static void onContext(Context context, Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  /**
   * The connection was lost or an attempt failed: schedules the next attempt unless one is scheduled already.
   * Answers true when this starts an outage (the connection was up, or it is the first attempt that failed).
   */
  public boolean failed() {
    if (stopped) {
      return false;
    }
    boolean started = !outage;
    outage = true;
    if (timer < 0) {
      long delay = delayMs;
      delayMs = Math.min(delay * 2, maxDelayMs);
      timer = vertx.setTimer(delay, id -> onContext(context, () -> {
        timer = -1;
        attempt.run();
      }));
    }
    return started;
  }

  /** A connection is up: the next outage starts from the initial delay. Answers true when this ends an outage. */
  public boolean connected() {
    delayMs = initialDelayMs;
    boolean ended = outage;
    outage = false;
    return ended;
  }

  /** Whether an attempt is scheduled. */
  public boolean scheduled() {
    return timer >= 0;
  }

  /** No attempt is made from now on. */
  public void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    timer = -1;
  }
}
