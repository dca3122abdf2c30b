package ai.sutazai.verticles.agents;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of an agent catalogue into an {@link AgentCatalogue}, or into every error that
 * stops it: malformed JSON, a break of the schema ({@code /schemas/agent-catalogue.json}: unknown
 * fields included) and of the rules a schema cannot state. Each error names the agent and the
 * field. Parsing is pure; callers read files themselves (with {@code vertx.fileSystem()} on an
 * event loop) and hand over the text.
 */
public final class AgentCatalogueLoader {

  /** The catalogue built into the jar, a copy of the repository's {@code conf/agents.json}. */
  public static final String SHIPPED_RESOURCE = "/ai/sutazai/verticles/agents/agents.json";

  private static final Pattern IN_AGENT = Pattern.compile("^/agents/(\\d+)(/.*)?$");
  private static final Pattern USABLE_ID = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

  private AgentCatalogueLoader() {
  }

  public static AgentCatalogueResult parse(String text) {
    StrictJsonReader.Reading reading = StrictJsonReader.read(text);
    if (reading.problem() != null) {
      return AgentCatalogueResult.invalid(List.of(
          labelled(reading.problem(), reading.agentId() == null ? null : agentById(reading.agentId()), null)));
    }
    Object value = reading.value();
    List<FieldProblem> problems = new ArrayList<>(CatalogueSchema.INSTANCE.check(value));
    JsonObject catalogue = value instanceof JsonObject object ? object : null;
    if (catalogue != null) {
      problems.addAll(CatalogueRules.check(catalogue));
    }
    if (!problems.isEmpty()) {
      return AgentCatalogueResult.invalid(problems.stream()
          .sorted(Comparator.comparingInt(AgentCatalogueLoader::agentIndex))
          .map(p -> labelled(p, null, catalogue))
          .toList());
    }
    JsonArray agents = catalogue.getJsonArray("agents");
    List<AgentDefinition> definitions = new ArrayList<>();
    for (int i = 0; i < agents.size(); i++) {
      definitions.add(AgentDefinition.fromJson(agents.getJsonObject(i)));
    }
    return AgentCatalogueResult.valid(new AgentCatalogue(definitions));
  }

  /** The text of the catalogue built into the jar; reads the class path, so call it off the event loop. */
  public static String shippedText() {
    try (InputStream in = AgentCatalogueLoader.class.getResourceAsStream(SHIPPED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the built-in agent catalogue " + SHIPPED_RESOURCE
            + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in agent catalogue " + SHIPPED_RESOURCE, e);
    }
  }

  /** The catalogue built into the jar; reads the class path, so call it off the event loop. */
  public static AgentCatalogue shipped() {
    return parse(shippedText()).orElseThrow("the built-in catalogue " + SHIPPED_RESOURCE);
  }

  private static AgentConfigError labelled(FieldProblem problem, String knownAgent, JsonObject catalogue) {
    Matcher inAgent = IN_AGENT.matcher(problem.pointer());
    String agent = knownAgent;
    if (agent == null && inAgent.matches()) {
      int index = Integer.parseInt(inAgent.group(1));
      Object id = JsonPointers.valueAt(catalogue, "/agents/" + index + "/id");
      agent = id instanceof String text && USABLE_ID.matcher(text).matches() ? text : "at index " + index;
    }
    return new AgentConfigError(agent, problem.pointer(), problem.rule());
  }

  private static String agentById(String id) {
    return USABLE_ID.matcher(id).matches() ? id : null;
  }

  /** Where a problem sorts: the catalogue's own first, then by agent. */
  private static int agentIndex(FieldProblem problem) {
    Matcher inAgent = IN_AGENT.matcher(problem.pointer());
    return inAgent.matches() ? Integer.parseInt(inAgent.group(1)) : -1;
  }
}
