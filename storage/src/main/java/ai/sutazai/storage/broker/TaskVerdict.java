package ai.sutazai.storage.broker;

import java.time.Duration;

/** How a task handed to an agent's consumer is settled, as the agent's {@code settle} reply says. */
public enum TaskVerdict {
  /** Settled: acknowledge it. */
  ACK,
  /** The attempt failed: deliver it again after the backoff as the next attempt, or dead-letter it after the last. */
  RETRY,
  /** Dead-letter it now. */
  REJECT,
  /** Not started: put it back, after {@link #REQUEUE_PAUSE}, without counting an attempt. */
  REQUEUE;

  /** How long a task waits before it goes back to its queue, so that a refusing consumer does not spin. */
  public static final Duration REQUEUE_PAUSE = Duration.ofSeconds(1);

  /** The wait before retrying a task whose attempt {@code attempt} (1-based) failed: {@code base} doubling, at most 1 h. */
  public static Duration backoff(Duration base, int attempt) {
    Duration longest = Duration.ofHours(1);
    Duration wait = base.multipliedBy(1L << Math.min(Math.max(attempt, 1) - 1, 20));
    return wait.compareTo(longest) > 0 ? longest : wait;
  }
}
