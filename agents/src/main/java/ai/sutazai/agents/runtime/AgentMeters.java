package ai.sutazai.agents.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * One agent's task meters: {@code sutazai_agent_tasks_total{agent, status}} (each attempt that ran, by how it
 * ended: completed, failed or cancelled), {@code sutazai_agent_task_retries_total{agent}} and
 * {@code sutazai_agent_task_duration_seconds{agent}} (an attempt from its start to its end, with a percentile
 * histogram). Every copy of the agent shares them and they outlive redeployments, so they are never removed; the
 * {@code agent} label takes only catalogue ids.
 */
final class AgentMeters {

  static final String TASKS = "sutazai.agent.tasks";
  static final String RETRIES = "sutazai.agent.task.retries";
  static final String DURATION = "sutazai.agent.task.duration";

  private final Counter completed;
  private final Counter failed;
  private final Counter cancelled;
  private final Counter retries;
  private final Timer duration;

  AgentMeters(MeterRegistry registry, String agentId) {
    completed = tasks(registry, agentId, "completed");
    failed = tasks(registry, agentId, "failed");
    cancelled = tasks(registry, agentId, "cancelled");
    retries = Counter.builder(RETRIES).tag("agent", agentId)
        .description("Failed attempts of an agent's tasks that were handed back to be tried again")
        .register(registry);
    duration = Timer.builder(DURATION).tag("agent", agentId)
        .description("Time an agent's attempt ran, from its start to its end")
        .publishPercentileHistogram()
        .register(registry);
  }

  private static Counter tasks(MeterRegistry registry, String agentId, String status) {
    return Counter.builder(TASKS).tag("agent", agentId).tag("status", status)
        .description("Attempts of an agent's tasks by how they ended")
        .register(registry);
  }

  void completed(long nanos) {
    completed.increment();
    duration.record(nanos, TimeUnit.NANOSECONDS);
  }

  void failed(long nanos, boolean retried) {
    failed.increment();
    duration.record(nanos, TimeUnit.NANOSECONDS);
    if (retried) {
      retries.increment();
    }
  }

  void cancelled(long nanos) {
    cancelled.increment();
    duration.record(nanos, TimeUnit.NANOSECONDS);
  }
}
