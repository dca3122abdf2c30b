package ai.sutazai.launcher.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes (the way tests wait on other threads). */
final class Eventually {

  static final Duration DEFAULT = Duration.ofSeconds(20);

  private Eventually() {
  }

  /** Returns the first present value {@code probe} yields; fails with {@code what} at the deadline. */
  static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() > deadline) {
        return fail("waited " + timeout + " for " + what);
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fail("interrupted while waiting for " + what);
      }
    }
  }

  static void until(String what, Supplier<Boolean> condition) {
    value(what, DEFAULT, () -> condition.get() ? Optional.of(true) : Optional.empty());
  }
}
