package ai.sutazai.agents.plugin;

import ai.sutazai.agents.runtime.AgentBehaviour;
import ai.sutazai.agents.runtime.AgentTask;
import ai.sutazai.agents.runtime.AgentTools;
import ai.sutazai.verticles.agents.AgentDefinition;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.InvocationTargetException;

/** The behaviour of an agent with its own code: the {@link AgentPlugin} its jar holds. Never cached. */
public final class PluginAgent implements AgentBehaviour {

  private final AgentDefinition agent;
  private final AgentPlugin plugin;

  private PluginAgent(AgentDefinition agent, AgentPlugin plugin) {
    this.agent = agent;
    this.plugin = plugin;
  }

  /**
   * Loads and instantiates the agent's plugin class through {@code code}.
   *
   * @throws IllegalStateException naming the agent, the class and the jar when the class is missing, is not an
   *                               {@link AgentPlugin}, or cannot be instantiated
   */
  public static PluginAgent load(AgentDefinition agent, ClassLoader code) {
    if (code == null) {
      throw failure(agent, "no class loader was given for its jar", null);
    }
    Class<?> type;
    try {
      type = Class.forName(agent.pluginClass(), true, code);
    } catch (ClassNotFoundException | LinkageError e) {
      throw failure(agent, "the class is not in the jar (" + e + ")", e);
    }
    if (!AgentPlugin.class.isAssignableFrom(type)) {
      throw failure(agent, "the class does not implement " + AgentPlugin.class.getName(), null);
    }
    try {
      return new PluginAgent(agent, (AgentPlugin) type.getConstructor().newInstance());
    } catch (NoSuchMethodException e) {
      throw failure(agent, "the class has no public no-argument constructor", e);
    } catch (InvocationTargetException e) {
      throw failure(agent, "its constructor failed: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw failure(agent, "it cannot be instantiated: " + e, e);
    }
  }

  private static IllegalStateException failure(AgentDefinition agent, String why, Throwable cause) {
    return new IllegalStateException("agent " + agent.id() + " (" + agent.name() + "): cannot load plugin class "
        + agent.pluginClass() + " from jar " + agent.pluginJar() + ": " + why, cause);
  }

  @Override
  public Future<JsonObject> perform(AgentTask task, AgentTools tools) {
    PluginTask pluginTask = new PluginTask(task.type(), task.payload().copy(), task.inputs().copy(), agent.toJson());
    try {
      Future<JsonObject> result = plugin.perform(pluginTask, tools.model());
      if (result == null) {
        return Future.failedFuture(new IllegalStateException("plugin " + agent.pluginClass()
            + " returned no future for task " + task.id()));
      }
      return onThisContext(result);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * {@code result} completed on the agent's context: a plugin may complete its future on a thread of its own (a
   * CompletableFuture's pool, say), and the attempt's state must only be touched on the agent's worker context.
   */
  private static Future<JsonObject> onThisContext(Future<JsonObject> result) {
    Context context = Vertx.currentContext();
    if (context == null) {
      return result;
    }
    Promise<JsonObject> back = Promise.promise();
    result.onComplete(done -> context.runOnContext(v -> back.handle(done)));
    return back.future();
  }

  @Override
  public boolean cacheable(AgentTask task) {
    return false;
  }
}
