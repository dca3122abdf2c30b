package ai.sutazai.verticles.agents;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The agents SutazAI knows, in the order the catalogue file lists them, looked up by id, by name
 * or by the task type (capability) they take. Immutable: a changed file gives a new catalogue.
 */
public final class AgentCatalogue {

  private final List<AgentDefinition> agents;
  private final Map<String, AgentDefinition> byId = new LinkedHashMap<>();
  private final Map<String, AgentDefinition> byName = new LinkedHashMap<>();
  private final Map<String, List<AgentDefinition>> byCapability = new LinkedHashMap<>();

  /** @throws IllegalArgumentException when two agents share an id or a name */
  public AgentCatalogue(List<AgentDefinition> agents) {
    this.agents = List.copyOf(agents);
    for (AgentDefinition agent : this.agents) {
      if (byId.putIfAbsent(agent.id(), agent) != null) {
        throw new IllegalArgumentException("two agents have the id " + agent.id());
      }
      if (byName.putIfAbsent(agent.name(), agent) != null) {
        throw new IllegalArgumentException("two agents have the name " + agent.name());
      }
      for (String capability : agent.capabilities()) {
        byCapability.computeIfAbsent(capability, c -> new ArrayList<>()).add(agent);
      }
    }
    byCapability.replaceAll((capability, list) -> List.copyOf(list));
  }

  public List<AgentDefinition> agents() {
    return agents;
  }

  public int size() {
    return agents.size();
  }

  public Optional<AgentDefinition> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Optional<AgentDefinition> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The agents that take tasks of type {@code capability}, in catalogue order; empty when none does. */
  public List<AgentDefinition> byCapability(String capability) {
    return byCapability.getOrDefault(capability, List.of());
  }

  /** Every task type some agent takes, sorted. */
  public SortedSet<String> capabilities() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(byCapability.keySet()));
  }

  public List<AgentDefinition> inFamily(AgentFamily family) {
    return agents.stream().filter(a -> a.type() == family).toList();
  }

  /** The catalogue in the format of {@code conf/agents.json}. */
  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    agents.forEach(a -> list.add(a.toJson()));
    return new JsonObject().put("agents", list);
  }
}
