package ai.sutazai.verticles.testing;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The fake's parallel slots: at most {@code parallel} holders at once, the rest wait first come,
 * first served like Ollama's scheduler, up to {@code maxQueue} waiters. Used on one event loop only.
 */
final class FakeSlots {

  /** A place in line or a held slot; {@link #release()} gives either back, once. */
  final class Ticket {
    private final Runnable onGranted;
    private boolean holding;
    private boolean released;

    private Ticket(Runnable onGranted) {
      this.onGranted = onGranted;
    }

    void release() {
      if (released) {
        return;
      }
      released = true;
      if (holding) {
        holders--;
        admitWaiters();
      } else {
        waiting.remove(this);
      }
    }

    boolean holding() {
      return holding;
    }
  }

  private final FakeOllamaOptions options;
  private final Deque<Ticket> waiting = new ArrayDeque<>();
  private int holders;

  FakeSlots(FakeOllamaOptions options) {
    this.options = options;
  }

  /**
   * Takes a slot, running {@code onGranted} now or once one frees; returns null (nothing queued)
   * when the wait line is full.
   */
  Ticket enter(Runnable onGranted) {
    Ticket ticket = new Ticket(onGranted);
    if (holders < options.parallel()) {
      grant(ticket);
      return ticket;
    }
    if (waiting.size() >= options.maxQueue()) {
      return null;
    }
    waiting.addLast(ticket);
    return ticket;
  }

  private void admitWaiters() {
    while (holders < options.parallel() && !waiting.isEmpty()) {
      grant(waiting.pollFirst());
    }
  }

  private void grant(Ticket ticket) {
    holders++;
    ticket.holding = true;
    ticket.onGranted.run();
  }
}
