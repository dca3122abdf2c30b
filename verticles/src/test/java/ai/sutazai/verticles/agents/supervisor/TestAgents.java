package ai.sutazai.verticles.agents.supervisor;

import ai.sutazai.verticles.agents.AgentActivity;
import ai.sutazai.verticles.agents.AgentDefinition;
import ai.sutazai.verticles.agents.AgentFactory;
import io.vertx.core.Deployable;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The agent factory of the supervisor's tests: tiny worker verticles ({@link TestAgentVerticle}) that take
 * deliveries and say where they run, recording what they do in one event log the tests read.
 */
final class TestAgents implements AgentFactory {

  /** What happened, in order: {@code started:ag-001}, {@code task-completed:ag-001}, {@code bus-stop:ag-001}... */
  final List<String> events = new CopyOnWriteArrayList<>();
  /** The plugin class loaders handed to the factory, held weakly so the tests can see them collected. */
  final List<WeakReference<ClassLoader>> pluginLoaders = new CopyOnWriteArrayList<>();
  /** Completed by a test to let the tasks held with {@code "hold": true} finish. */
  final CompletableFuture<Void> release = new CompletableFuture<>();

  @Override
  public Deployable create(AgentDefinition agent, ClassLoader pluginCode, AgentActivity activity) {
    if (pluginCode != null) {
      pluginLoaders.add(new WeakReference<>(pluginCode));
    }
    return new TestAgentVerticle(agent, pluginCode, activity, this);
  }

  void log(String event) {
    events.add(event);
  }

  long count(String event) {
    return events.stream().filter(event::equals).count();
  }
}
