package ai.sutazai.verticles.agents.supervisor;

import ai.sutazai.verticles.agents.AgentCatalogue;
import ai.sutazai.verticles.agents.AgentCatalogueFile;
import ai.sutazai.verticles.agents.AgentConfigError;
import ai.sutazai.verticles.agents.AgentDefinition;
import ai.sutazai.verticles.agents.AgentsFileWatcher;
import ai.sutazai.verticles.agents.CatalogueChange;
import ai.sutazai.verticles.agents.CatalogueFileFormat;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes of single agents asked for over the event bus (and so over REST): each is checked with the whole
 * catalogue it results in, as the agents file would be; a refused one changes nothing. An accepted one is
 * written to {@code agents.file} first, so a restart keeps it, and the file watcher is told of the write so it
 * does not apply it a second time. Run one at a time ({@link ChangeQueue}).
 */
final class CatalogueEdits {

  /** Where the agent sits in a request's body, for the pointers of errors found in it. */
  private static final String IN_REQUEST = "/agent";

  private final Vertx vertx;
  private final JsonObject config;
  private final RunningAgents running;
  private final CatalogueCheck check;
  private final AgentsFileWatcher watcher;

  CatalogueEdits(Vertx vertx, JsonObject config, RunningAgents running, CatalogueCheck check,
      AgentsFileWatcher watcher) {
    this.vertx = vertx;
    this.config = config;
    this.running = running;
    this.check = check;
    this.watcher = watcher;
  }

  /** Adds {@code agent} at the end of the catalogue and deploys it; fails 409 when its id is taken, 422 invalid. */
  Future<SupervisedAgent> create(JsonObject agent) {
    if (agent.getValue("id") instanceof String id && running.catalogue().byId(id).isPresent()) {
      return Future.failedFuture(ProblemType.CONFLICT.problem("an agent with the id " + id + " exists").asException());
    }
    List<JsonObject> entries = entries();
    entries.add(agent);
    return write(entries, entries.size() - 1).compose(next -> {
      AgentDefinition added = next.agents().get(next.size() - 1);
      return running.apply(next, running.jars(), new CatalogueChange(List.of(added), List.of(), List.of()))
          .map(deployed -> running.get(added.id()).orElseThrow());
    });
  }

  /**
   * Replaces the definition of agent {@code id} with {@code agent} (whose own id must be {@code id} or absent)
   * and redeploys it; fails 404 for an unknown id, 422 invalid.
   */
  Future<SupervisedAgent> update(String id, JsonObject agent) {
    SupervisedAgent current = known(id);
    Object ownId = agent.getValue("id");
    if (ownId != null && !id.equals(ownId)) {
      return Future.failedFuture(new CatalogueRefused("the agent", List.of(new AgentConfigError(id,
          IN_REQUEST + "/id", "must be " + id + ", the id of the agent updated, or left out; got " + ownId))));
    }
    JsonObject replacement = agent.copy().put("id", id);
    List<JsonObject> entries = entries();
    int index = indexOf(id);
    entries.set(index, replacement);
    return write(entries, index).compose(next -> running.apply(next, running.jars(),
            new CatalogueChange(List.of(), List.of(), List.of(next.byId(id).orElseThrow()))))
        .map(redeployed -> current);
  }

  /** Drains, undeploys and removes agent {@code id}; fails 404 for an unknown id. */
  Future<Void> delete(String id) {
    SupervisedAgent current = known(id);
    List<JsonObject> entries = entries();
    entries.remove(indexOf(id));
    return write(entries, -1).compose(next -> running.apply(next, running.jars(),
        new CatalogueChange(List.of(), List.of(current.definition()), List.of())));
  }

  /** The agent {@code id} of the catalogue in force; throws 404 when it has none. */
  SupervisedAgent known(String id) {
    return running.get(id).filter(agent -> running.catalogue().byId(id).isPresent())
        .orElseThrow(() -> ProblemType.NOT_FOUND.problem("no agent has the id " + id).asException());
  }

  /**
   * Checks the catalogue of {@code entries} and writes it to the agents file; the errors found in the entry at
   * {@code edited} point into the request ({@code /agent/instances}), the others into the file.
   */
  private Future<AgentCatalogue> write(List<JsonObject> entries, int edited) {
    String text = new JsonObject().put("agents", new JsonArray(new ArrayList<Object>(entries))).encode();
    return check.text("the agent catalogue with this change", text)
        .recover(failure -> Future.failedFuture(failure instanceof CatalogueRefused refused
            ? new CatalogueRefused("the agent", inRequest(refused.errors(), edited)) : failure))
        .compose(checked -> {
          String written = CatalogueFileFormat.format(checked.catalogue());
          return AgentCatalogueFile.write(vertx, config, written).map(done -> {
            watcher.wrote(checked.catalogue(), written);
            return checked.catalogue();
          });
        });
  }

  private static List<AgentConfigError> inRequest(List<AgentConfigError> errors, int edited) {
    String prefix = "/agents/" + edited;
    return errors.stream().map(error -> error.field().equals(prefix) || error.field().startsWith(prefix + "/")
        ? new AgentConfigError(error.agent(), IN_REQUEST + error.field().substring(prefix.length()), error.rule())
        : error).toList();
  }

  private List<JsonObject> entries() {
    return new ArrayList<>(running.catalogue().agents().stream().map(AgentDefinition::toJson).toList());
  }

  private int indexOf(String id) {
    List<AgentDefinition> agents = running.catalogue().agents();
    for (int i = 0; i < agents.size(); i++) {
      if (agents.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new IllegalStateException("agent " + id + " is not in the catalogue in force");
  }
}
