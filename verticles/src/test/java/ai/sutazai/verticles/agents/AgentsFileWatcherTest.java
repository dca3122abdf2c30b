package ai.sutazai.verticles.agents;

import static ai.sutazai.verticles.agents.CatalogueTexts.agent;
import static ai.sutazai.verticles.agents.CatalogueTexts.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Noticing changes to the agents file and the plugin jars, and reporting each settled change once. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentsFileWatcherTest {

  private static final int INTERVAL_MS = 20;
  private static final int QUICK_DEBOUNCE_MS = 100;
  private static final int SLOW_DEBOUNCE_MS = 600;

  private final List<AgentsFileWatcher> watchers = new ArrayList<>();

  @TempDir
  Path dir;
  Path file;
  Path plugins;

  @BeforeEach
  void writeFirstCatalogue() throws IOException {
    file = dir.resolve("agents.json");
    plugins = dir.resolve("plugins");
    Files.createDirectories(plugins);
    Files.writeString(file, text(agent("ag-001")));
  }

  @AfterEach
  void stopWatchers() {
    watchers.forEach(AgentsFileWatcher::stop);
  }

  /** Verifies that start reads the file and gives the catalogue changes are compared with. */
  @Test
  void startGivesTheCatalogueOnDisk(Vertx vertx) {
    AgentsFileWatcher watcher = watcher(vertx, config(QUICK_DEBOUNCE_MS), new Reports());

    AgentCatalogue catalogue = watcher.start().await();

    assertThat(catalogue.agents()).extracting(AgentDefinition::id).containsExactly("ag-001");
  }

  /** Verifies that an invalid file at start fails the start with its errors. */
  @Test
  void startRefusesAnInvalidFile(Vertx vertx) throws IOException {
    Files.writeString(file, text(agent("ag-001").put("instances", 0)));
    AgentsFileWatcher watcher = watcher(vertx, config(QUICK_DEBOUNCE_MS), new Reports());

    assertThatThrownBy(() -> watcher.start().await())
        .isInstanceOfSatisfying(InvalidAgentCatalogueException.class, e -> assertThat(e.errors())
            .extracting(AgentConfigError::field).containsExactly("/agents/0/instances"));
  }

  /** Verifies that a burst of writes, some of them half-written or invalid, gives one report of its final state. */
  @Test
  void burstOfWritesGivesOneReport(Vertx vertx) throws IOException, InterruptedException {
    Reports reports = new Reports();
    watcher(vertx, config(SLOW_DEBOUNCE_MS), reports).start().await();
    String twoAgents = text(agent("ag-001"), agent("ag-002"));
    List<String> burst = List.of(
        twoAgents.substring(0, twoAgents.length() / 2),
        text(agent("ag-001"), agent("ag-002").put("instances", 0)),
        twoAgents.substring(0, twoAgents.length() - 3),
        text(agent("ag-001"), agent("ag-002"), agent("ag-003")));

    for (String version : burst) {
      Files.writeString(file, version);
      // paces the writes so that looks see the versions in between; the debounce is far longer
      Thread.sleep(3 * INTERVAL_MS);
    }
    Report settled = reports.next();
    Files.writeString(file, text(agent("ag-001"), agent("ag-003")));
    Report marker = reports.next();

    assertThat(settled.errors()).isEmpty();
    assertThat(settled.catalogue().agents()).extracting(AgentDefinition::id)
        .containsExactly("ag-001", "ag-002", "ag-003");
    assertThat(settled.change()).hasToString("added [ag-002, ag-003], removed [], changed []");
    assertThat(marker.change()).hasToString("added [], removed [ag-002], changed []");
    assertThat(reports.queue).isEmpty();
  }

  /**
   * Verifies that an invalid file is refused with errors naming the agent and the field, and that the
   * next valid file is compared with the last valid catalogue.
   */
  @Test
  void invalidWriteIsRefusedAndTheNextValidOneIsComparedWithTheLastValid(Vertx vertx) throws IOException {
    Reports reports = new Reports();
    watcher(vertx, config(QUICK_DEBOUNCE_MS), reports).start().await();

    Files.writeString(file, text(agent("ag-001"), agent("ag-002").put("instances", 0)));
    Report refused = reports.next();
    Files.writeString(file, text(agent("ag-002"), agent("ag-003")));
    Report changed = reports.next();

    assertThat(refused.catalogue()).isNull();
    assertThat(refused.errors()).containsExactly(
        new AgentConfigError("ag-002", "/agents/1/instances", "must be a whole number from 1 to 64, got 0"));
    assertThat(changed.change()).hasToString("added [ag-002, ag-003], removed [ag-001], changed []");
  }

  /** Verifies that a deleted file is reported as an error, not as every agent removed. */
  @Test
  void deletedFileIsAnError(Vertx vertx) throws IOException {
    Reports reports = new Reports();
    watcher(vertx, config(QUICK_DEBOUNCE_MS), reports).start().await();

    Files.delete(file);
    Report refused = reports.next();
    Files.writeString(file, text(agent("ag-001"), agent("ag-002")));
    Report back = reports.next();

    assertThat(refused.catalogue()).isNull();
    assertThat(refused.errors()).extracting(AgentConfigError::detail)
        .containsExactly("the catalogue does not exist at " + file);
    assertThat(back.change()).hasToString("added [ag-002], removed [], changed []");
  }

  /** Verifies that a plugin jar replaced under the same name changes the agents naming it. */
  @Test
  void replacedJarChangesTheAgentNamingIt(Vertx vertx) throws IOException {
    Path jar = plugins.resolve("reviewer.jar");
    Files.write(jar, new byte[] {1, 2, 3});
    Files.writeString(file, text(agent("ag-001").put("class", "com.example.Reviewer").put("jar", "reviewer.jar"),
        agent("ag-002")));
    Reports reports = new Reports();
    watcher(vertx, config(QUICK_DEBOUNCE_MS), reports).start().await();

    Files.write(jar, new byte[] {1, 2, 3, 4, 5});
    Report changed = reports.next();

    assertThat(changed.change()).hasToString("added [], removed [], changed [ag-001]");
  }

  /** Verifies that a stopped watcher reports nothing while one still running reports two changes. */
  @Test
  void stoppedWatcherReportsNothing(Vertx vertx) throws IOException {
    Reports stoppedReports = new Reports();
    AgentsFileWatcher stopped = watcher(vertx, config(QUICK_DEBOUNCE_MS), stoppedReports);
    stopped.start().await();
    Reports runningReports = new Reports();
    watcher(vertx, config(QUICK_DEBOUNCE_MS), runningReports).start().await();

    stopped.stop();
    Files.writeString(file, text(agent("ag-001"), agent("ag-002")));
    runningReports.next();
    Files.writeString(file, text(agent("ag-002")));
    runningReports.next();

    assertThat(stoppedReports.queue).isEmpty();
  }

  private AgentsFileWatcher watcher(Vertx vertx, JsonObject config, AgentsFileWatcher.Listener listener) {
    AgentsFileWatcher watcher = new AgentsFileWatcher(vertx, config, listener);
    watchers.add(watcher);
    return watcher;
  }

  private JsonObject config(int debounceMs) {
    return new JsonObject()
        .put("agents", new JsonObject().put("file", file.toString())
            .put("watch_interval_ms", INTERVAL_MS).put("watch_debounce_ms", debounceMs))
        .put("plugins", new JsonObject().put("dir", plugins.toString()));
  }

  /** One report: a catalogue with its change, or the errors that refused the file. */
  private record Report(AgentCatalogue catalogue, CatalogueChange change, List<AgentConfigError> errors) {
  }

  /** Records reports as the watcher makes them, for the test thread to take in order. */
  private static final class Reports implements AgentsFileWatcher.Listener {

    private final BlockingQueue<Report> queue = new LinkedBlockingQueue<>();

    @Override
    public void changed(AgentCatalogue catalogue, CatalogueChange change) {
      queue.add(new Report(catalogue, change, List.of()));
    }

    @Override
    public void refused(List<AgentConfigError> errors) {
      queue.add(new Report(null, null, errors));
    }

    Report next() {
      try {
        Report report = queue.poll(10, TimeUnit.SECONDS);
        return report != null ? report : fail("no report from the watcher within 10 s");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fail("interrupted while waiting for a report");
      }
    }
  }
}
