package ai.sutazai.verticles.storage;

import java.time.Duration;
import java.util.Locale;

/**
 * The fixed windows rate limits count in: each whole minute and each whole hour of the epoch clock
 * has its own counter per subject, so every process sharing a Redis counts in the same windows.
 */
public enum RateLimitWindow {
  MINUTE(Duration.ofMinutes(1)),
  HOUR(Duration.ofHours(1));

  private final long lengthMs;

  RateLimitWindow(Duration length) {
    this.lengthMs = length.toMillis();
  }

  /** The name in event-bus replies and cache keys: {@code minute} or {@code hour}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The number of the window that holds {@code epochMs} (the epoch minute or hour). */
  public long index(long epochMs) {
    return Math.floorDiv(epochMs, lengthMs);
  }

  /** Milliseconds from {@code epochMs} until the window that holds it ends and counting restarts. */
  public long resetInMs(long epochMs) {
    return lengthMs - Math.floorMod(epochMs, lengthMs);
  }
}
