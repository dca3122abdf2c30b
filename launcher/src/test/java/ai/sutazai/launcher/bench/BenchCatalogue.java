package ai.sutazai.launcher.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The agents file of one SutazAI under benchmark: prompt agents only, with ids that start with the run's prefix
 * (unique per run, so that their RabbitMQ queues are the run's own), each taking one capability of its own. Every
 * write replaces the file at once (a new file moved over it), as an operator's editor would.
 */
final class BenchCatalogue {

  private final Path file;
  private final String prefix;
  private final List<JsonObject> agents = new ArrayList<>();

  BenchCatalogue(Path file, String prefix) {
    this.file = file;
    this.prefix = prefix;
  }

  Path file() {
    return file;
  }

  String prefix() {
    return prefix;
  }

  /** An agent of the file and the one task type it takes. */
  record Agent(String id, String type) {
  }

  /** Every agent id the file has held, for cleaning up their queues. */
  List<String> ids() {
    return agents.stream().map(agent -> agent.getString("id")).toList();
  }

  /** Adds the agent {@code prefix + suffix} (not written yet). */
  Agent add(String suffix, String family, int instances, int maxConcurrentTasks) {
    String id = prefix + suffix;
    String capability = "bench_" + suffix.replace('-', '_');
    agents.add(new JsonObject()
        .put("id", id)
        .put("name", id)
        .put("type", family)
        .put("capabilities", new JsonArray().add(capability))
        .put("system_prompt", "You answer benchmark task " + suffix + " in one short sentence.")
        .put("instances", instances)
        .put("max_concurrent_tasks", maxConcurrentTasks)
        .put("timeout_seconds", 60));
    return new Agent(id, capability);
  }

  void write() throws IOException {
    Path next = file.resolveSibling(file.getFileName() + ".next");
    Files.writeString(next, new JsonObject().put("agents", new JsonArray(List.copyOf(agents))).encodePrettily());
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
