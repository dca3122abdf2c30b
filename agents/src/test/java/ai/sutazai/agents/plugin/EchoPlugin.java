package ai.sutazai.agents.plugin;

import ai.sutazai.agents.model.ModelCall;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** A plugin for the runtime's tests: answers with what it was given, without the model. */
public final class EchoPlugin implements AgentPlugin {

  @Override
  public Future<JsonObject> perform(PluginTask task, ModelCall model) {
    return Future.succeededFuture(new JsonObject().put("type", task.type()).put("payload", task.payload())
        .put("agent", task.agent().getString("id")));
  }
}
