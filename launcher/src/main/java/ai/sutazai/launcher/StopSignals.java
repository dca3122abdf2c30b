package ai.sutazai.launcher;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Intercepts SIGTERM and SIGINT so that the first one asks for a graceful stop (and the JVM exits 0
 * rather than 143), while a second one during that stop ends the process at once.
 */
final class StopSignals {

  private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);
  private static final List<String> SIGNALS = List.of("TERM", "INT");

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final AtomicReference<String> firstSignal = new AtomicReference<>();

  private StopSignals() {
  }

  /** Installs the handlers; from now on SIGTERM and SIGINT no longer end the JVM by themselves. */
  static StopSignals install() {
    StopSignals signals = new StopSignals();
    for (String name : SIGNALS) {
      try {
        Signal.handle(new Signal(name), signals::onSignal);
      } catch (IllegalArgumentException e) {
        LOG.warn("cannot intercept SIG{} ({}); it ends the JVM without a graceful stop", name, e.getMessage());
      }
    }
    return signals;
  }

  /** Blocks until the first stop signal and returns its name, such as {@code SIGTERM}. */
  String awaitStop() throws InterruptedException {
    stopRequested.await();
    return firstSignal.get();
  }

  private void onSignal(Signal signal) {
    String name = "SIG" + signal.getName();
    if (firstSignal.compareAndSet(null, name)) {
      stopRequested.countDown();
      return;
    }
    LOG.warn("{} during graceful stop: exiting now", name);
    System.err.flush();
    Runtime.getRuntime().halt(128 + signal.getNumber());
  }
}
