package ai.sutazai.verticles.agents.supervisor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The supervisor's meters, one set per agent ({@code agent} label, the agent's id): {@code sutazai_agent_up}
 * (1 while running, else 0), {@code sutazai_agent_in_flight} (tasks it holds now) and
 * {@code sutazai_agent_redeploys_total}. An agent's meters go when it leaves the catalogue.
 */
final class AgentMeters {

  static final String UP = "sutazai.agent.up";
  static final String IN_FLIGHT = "sutazai.agent.in_flight";
  static final String REDEPLOYS = "sutazai.agent.redeploys";

  private final MeterRegistry registry;
  private final Map<String, List<Meter>> byAgent = new HashMap<>();
  private final Map<String, Counter> redeploys = new HashMap<>();

  AgentMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void add(SupervisedAgent agent) {
    String id = agent.id();
    Counter redeployed = Counter.builder(REDEPLOYS).tag("agent", id)
        .description("Redeployments of the agent: changed definition or plugin jar, or asked for")
        .register(registry);
    redeploys.put(id, redeployed);
    byAgent.put(id, List.of(
        Gauge.builder(UP, agent, a -> a.status() == AgentStatus.RUNNING ? 1 : 0).tag("agent", id)
            .description("1 while the agent runs and takes tasks, else 0").strongReference(true).register(registry),
        Gauge.builder(IN_FLIGHT, agent, a -> a.activity().inFlight()).tag("agent", id)
            .description("Tasks the agent holds now").strongReference(true).register(registry),
        redeployed));
  }

  void redeployed(String agentId) {
    Counter counter = redeploys.get(agentId);
    if (counter != null) {
      counter.increment();
    }
  }

  void remove(String agentId) {
    redeploys.remove(agentId);
    List<Meter> meters = byAgent.remove(agentId);
    if (meters != null) {
      meters.forEach(registry::remove);
    }
  }

  void removeAll() {
    List.copyOf(byAgent.keySet()).forEach(this::remove);
  }
}
