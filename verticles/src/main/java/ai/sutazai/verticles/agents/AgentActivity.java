package ai.sutazai.verticles.agents;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one agent has done since SutazAI started, across its deployments and instances: the tasks its copies hold
 * now, tasks in flight and attempts completed, failed and cancelled. Agent verticles report to it from their worker threads; the
 * supervisor reads it for the agent's status, its metrics and the {@code agent_metrics} samples.
 */
public final class AgentActivity {

  /** How one task the agent held ended for the agent. */
  public enum Outcome {
    /** The task completed with a result. */
    COMPLETED,
    /** The attempt failed (the task is retried or dead-lettered). */
    FAILED,
    /** The task was cancelled while the agent held it. */
    CANCELLED,
    /** The agent gave the task back unstarted or unfinished (draining, redeploy, over capacity). */
    RETURNED
  }

  private final Set<String> holding = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong cancelled = new AtomicLong();

  /**
   * A copy of the agent takes task {@code taskId}: answers false when a copy in this process holds it already (a
   * second delivery of the same task, which must not run beside the first). Release it with {@link #release}.
   */
  public boolean hold(String taskId) {
    return holding.add(taskId);
  }

  /** The copy that held task {@code taskId} has settled it. */
  public void release(String taskId) {
    holding.remove(taskId);
  }

  /** The agent took a task. */
  public void started() {
    inFlight.incrementAndGet();
  }

  /** A task taken with {@link #started()} ended with {@code outcome}. */
  public void ended(Outcome outcome) {
    inFlight.decrementAndGet();
    switch (outcome) {
      case COMPLETED -> completed.incrementAndGet();
      case FAILED -> failed.incrementAndGet();
      case CANCELLED -> cancelled.incrementAndGet();
      case RETURNED -> {
      }
    }
  }

  public int inFlight() {
    return inFlight.get();
  }

  public long completed() {
    return completed.get();
  }

  public long failed() {
    return failed.get();
  }

  public long cancelled() {
    return cancelled.get();
  }
}
