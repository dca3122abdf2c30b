package ai.sutazai.verticles.agents;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Small agent catalogues written out as the file holds them, for tests. */
public final class CatalogueTexts {

  private CatalogueTexts() {
  }

  /** A valid agent with only the required fields; its name is derived from its id. */
  public static JsonObject agent(String id) {
    return new JsonObject().put("id", id).put("name", "agent-" + id).put("type", "development")
        .put("capabilities", new JsonArray().add("task_" + id.replace('-', '_')))
        .put("system_prompt", "You are the test agent " + id + ".");
  }

  public static String text(JsonObject... agents) {
    return new JsonObject().put("agents", new JsonArray(List.of((Object[]) agents))).encodePrettily();
  }

  public static AgentCatalogue catalogue(JsonObject... agents) {
    return AgentCatalogueLoader.parse(text(agents)).orElseThrow("test catalogue");
  }
}
