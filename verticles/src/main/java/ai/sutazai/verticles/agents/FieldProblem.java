package ai.sutazai.verticles.agents;

/**
 * A broken rule at a JSON pointer of a checked document ({@code /agents/2/name}), before it is told
 * which agent or step it belongs to.
 */
public record FieldProblem(String pointer, String rule) {
}
