package ai.sutazai.agents.workflow;

import ai.sutazai.agents.model.ChatMessage;
import ai.sutazai.verticles.agents.AgentCatalogue;
import ai.sutazai.verticles.agents.AgentDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the coordinator is asked for a goal: its own system prompt, then the goal, every capability
 * a step may name (one line each, with the agents that take it) and the exact JSON shape of the
 * answer; and, when an answer was refused, the same conversation carried on with the problems.
 */
public final class PlanRequest {

  static final String SHAPE = """
      {"steps": [
        {"id": "s1", "instruction": "<what this step must produce, in one or two sentences>",
         "capability": "<one capability from the list>", "depends_on": []},
        {"id": "s2", "instruction": "...", "capability": "...", "depends_on": ["s1"]}
      ]}""";

  private final AgentDefinition coordinator;
  private final AgentCatalogue catalogue;
  private final String goal;

  public PlanRequest(AgentDefinition coordinator, AgentCatalogue catalogue, String goal) {
    this.coordinator = coordinator;
    this.catalogue = catalogue;
    this.goal = goal;
  }

  /** The first question: the coordinator's system prompt and the goal with the rules of the answer. */
  public List<ChatMessage> messages() {
    return List.of(ChatMessage.system(coordinator.systemPrompt()), ChatMessage.user(question()));
  }

  /** The conversation {@code asked} carried on: the refused {@code reply}, then the problems found in it. */
  public List<ChatMessage> retry(List<ChatMessage> asked, String reply, PlanReading refused) {
    List<ChatMessage> conversation = new ArrayList<>(asked);
    conversation.add(ChatMessage.assistant(reply));
    conversation.add(ChatMessage.user("That plan cannot be used:\n" + refused.details()
        + "\n\nAnswer again with the whole corrected plan: one JSON object of the same shape, nothing else."));
    return List.copyOf(conversation);
  }

  private String question() {
    return "Goal:\n" + goal + "\n\n"
        + "Break the goal into steps that agents of the team carry out. Each step needs exactly one capability "
        + "from this list (capability: the agents that take it):\n" + capabilityLines() + "\n\n"
        + "Answer with one JSON object of exactly this shape and nothing else:\n" + SHAPE + "\n\n"
        + "Rules: 1 to " + WorkflowPlan.MAX_STEPS + " steps; every id unique (letters, digits, _ and -, at most "
        + "32 characters); depends_on lists the ids of the steps whose results this step needs, and no step "
        + "may depend on itself or on a step that depends on it; steps that do not need each other's "
        + "results run in parallel; no other fields.";
  }

  private String capabilityLines() {
    return catalogue.capabilities().stream()
        .map(c -> "- " + c + ": " + catalogue.byCapability(c).stream().map(AgentDefinition::name)
            .collect(Collectors.joining(", ")))
        .collect(Collectors.joining("\n"));
  }
}
