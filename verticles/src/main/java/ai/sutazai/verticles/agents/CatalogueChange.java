package ai.sutazai.verticles.agents;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a newly loaded catalogue changes against the running one, agent by agent (by id), each list
 * in id order: agents to deploy ({@code added}, as loaded), to undeploy ({@code removed}, as they
 * ran) and to redeploy ({@code changed}, as loaded). An agent is changed when any field of its
 * definition differs, or when it runs plugin code and its jar's fingerprint differs. The order of the
 * agents in the file does not matter.
 */
public record CatalogueChange(List<AgentDefinition> added, List<AgentDefinition> removed,
    List<AgentDefinition> changed) {

  private static final Comparator<AgentDefinition> BY_ID = Comparator.comparing(AgentDefinition::id);

  public CatalogueChange {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
  }

  /** The change from {@code running}, with the jars it runs, to {@code loaded}, with the jars now on disk. */
  public static CatalogueChange between(AgentCatalogue running, PluginJars runningJars, AgentCatalogue loaded,
      PluginJars loadedJars) {
    List<AgentDefinition> added = new ArrayList<>();
    List<AgentDefinition> changed = new ArrayList<>();
    for (AgentDefinition agent : loaded.agents()) {
      AgentDefinition before = running.byId(agent.id()).orElse(null);
      if (before == null) {
        added.add(agent);
      } else if (!before.equals(agent) || codeDiffers(agent, runningJars, loadedJars)) {
        changed.add(agent);
      }
    }
    List<AgentDefinition> removed = running.agents().stream()
        .filter(agent -> loaded.byId(agent.id()).isEmpty())
        .toList();
    return new CatalogueChange(sorted(added), sorted(removed), sorted(changed));
  }

  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }

  /** For logs: the ids, for example {@code added [ag-070], removed [], changed [ag-007]}. */
  @Override
  public String toString() {
    return "added " + ids(added) + ", removed " + ids(removed) + ", changed " + ids(changed);
  }

  private static boolean codeDiffers(AgentDefinition agent, PluginJars runningJars, PluginJars loadedJars) {
    return agent.hasPlugin()
        && !Objects.equals(runningJars.of(agent.pluginJar()), loadedJars.of(agent.pluginJar()));
  }

  private static List<AgentDefinition> sorted(List<AgentDefinition> agents) {
    return agents.stream().sorted(BY_ID).toList();
  }

  private static List<String> ids(List<AgentDefinition> agents) {
    return agents.stream().map(AgentDefinition::id).toList();
  }
}
