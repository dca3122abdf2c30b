package ai.sutazai.gateway.ratelimit;

import ai.sutazai.verticles.storage.RateLimitWindow;
import java.util.Comparator;
import java.util.List;

/**
 * Where a subject stands in one window after counting a request: its limit, the count including
 * this request, and how long until the window restarts.
 */
record WindowCount(RateLimitWindow window, long limit, long count, long resetInMs) {

  /**
   * The window the {@code RateLimit-*} headers describe: of the exceeded windows the one that resets
   * last (the client must wait for it), otherwise the one with the fewest requests left.
   */
  static WindowCount binding(List<WindowCount> counts) {
    return counts.stream()
        .filter(WindowCount::exceeded)
        .max(Comparator.comparingLong(WindowCount::resetInMs))
        .orElseGet(() -> counts.stream().min(Comparator.comparingLong(WindowCount::remaining)).orElseThrow());
  }

  boolean exceeded() {
    return count > limit;
  }

  long remaining() {
    return Math.max(0, limit - count);
  }

  /** Whole seconds until the window restarts, rounded up so that a client waiting that long is counted anew. */
  long resetSeconds() {
    return Math.max(1, (resetInMs + 999) / 1000);
  }
}
