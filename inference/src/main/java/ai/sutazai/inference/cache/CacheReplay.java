package ai.sutazai.inference.cache;

import ai.sutazai.verticles.inference.InferenceEvent;
import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.Context;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends a cached answer to a request's reply address as a generation would: {@code started}
 * (queue_ms 0), the stored token events in order, then {@code done} with {@code "cached": true} and
 * the replay's own timings, measured from submission. Tokens go out a few per event-loop turn, so
 * a {@link #stop(Problem) cancellation} arriving meanwhile ends the replay with an error instead.
 */
public final class CacheReplay {

  private static final int TOKENS_PER_TURN = 16;

  private final Context context;
  private final EventBus eventBus;
  private final String replyAddress;
  private final CachedAnswer answer;
  private final long submittedNanos;
  private final Runnable ended;
  private long firstTokenNanos;
  private int next;
  private boolean finished;

  /**
   * @param context        the event loop the replay runs on
   * @param submittedNanos when the request was submitted ({@link System#nanoTime()})
   * @param ended          runs once, after the replay's last event
   */
  public CacheReplay(Context context, EventBus eventBus, String replyAddress, CachedAnswer answer,
      long submittedNanos, Runnable ended) {
    this.context = context;
    this.eventBus = eventBus;
    this.replyAddress = replyAddress;
    this.answer = answer;
    this.submittedNanos = submittedNanos;
    this.ended = ended;
  }

  public void start() {
    eventBus.send(replyAddress, InferenceEvent.started(answer.model(), 0));
    sendSomeTokens();
  }

  /** Ends the replay with an {@code error} event carrying {@code problem}; false when it had already ended. */
  public boolean stop(Problem problem) {
    return finish(InferenceEvent.error(problem));
  }

  private void sendSomeTokens() {
    if (finished) {
      return;
    }
    List<JsonObject> tokens = answer.tokens();
    int end = Math.min(tokens.size(), next + TOKENS_PER_TURN);
    for (; next < end; next++) {
      if (firstTokenNanos == 0) {
        firstTokenNanos = System.nanoTime();
      }
      eventBus.send(replyAddress, tokens.get(next));
    }
    if (next < tokens.size()) {
      context.runOnContext(v -> sendSomeTokens());
      return;
    }
    long now = System.nanoTime();
    finish(answer.doneEvent(millis((firstTokenNanos == 0 ? now : firstTokenNanos) - submittedNanos),
        millis(now - submittedNanos)));
  }

  private boolean finish(JsonObject terminalEvent) {
    if (finished) {
      return false;
    }
    finished = true;
    eventBus.send(replyAddress, terminalEvent);
    ended.run();
    return true;
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
