package ai.sutazai.verticles.agents.supervisor;

import ai.sutazai.verticles.agents.AgentCatalogue;
import ai.sutazai.verticles.agents.AgentDefinition;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.text.ClosestName;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Comparator;

/** Picks the agent a new task of a type goes to, from the catalogue in force ({@code AgentAddresses.ROUTE}). */
final class AgentRouter {

  private AgentRouter() {
  }

  /**
   * {@code {"agent": id, "type": family}}: {@code agentRef} (an id or a name) when given, else the first agent in
   * id order that takes {@code type}.
   *
   * @throws ai.sutazai.verticles.problem.ProblemException 404 when no agent is {@code agentRef}, 422 when the
   *     agent, or every agent, does not take {@code type} (naming the nearest capability when one is close)
   */
  static JsonObject route(AgentCatalogue catalogue, String type, String agentRef) {
    AgentDefinition agent = agentRef == null ? anyTaking(catalogue, type) : named(catalogue, agentRef);
    if (!agent.can(type)) {
      throw ProblemType.UNROUTABLE_TASK.problem("agent " + agent.id() + " does not take tasks of type " + type
          + nearest(type, agent.capabilities()) + "; it takes " + String.join(", ", agent.capabilities()))
          .asException();
    }
    return new JsonObject().put("agent", agent.id()).put("type", agent.type().id());
  }

  private static AgentDefinition named(AgentCatalogue catalogue, String agentRef) {
    return catalogue.byId(agentRef).or(() -> catalogue.byName(agentRef))
        .orElseThrow(() -> ProblemType.NOT_FOUND.problem("no agent has the id or name " + agentRef).asException());
  }

  private static AgentDefinition anyTaking(AgentCatalogue catalogue, String type) {
    return catalogue.byCapability(type).stream().min(Comparator.comparing(AgentDefinition::id))
        .orElseThrow(() -> ProblemType.UNROUTABLE_TASK.problem("no agent takes tasks of type " + type
            + nearest(type, catalogue.capabilities())).asException());
  }

  private static String nearest(String type, Collection<String> capabilities) {
    return ClosestName.to(type, capabilities).map(name -> " (did you mean " + name + "?)").orElse("");
  }
}
