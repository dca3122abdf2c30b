package ai.sutazai.verticles.agents;

/** A broken rule at a JSON pointer of the catalogue, before it is told which agent it belongs to. */
record FieldProblem(String pointer, String rule) {
}
