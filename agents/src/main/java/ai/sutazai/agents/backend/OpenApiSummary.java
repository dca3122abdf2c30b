package ai.sutazai.agents.backend;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** The headline of an OpenAPI document: what it is called, its versions, and how much API it describes. */
record OpenApiSummary(String title, String version, String openapi, int paths, int operations) {

  static OpenApiSummary of(OpenAPI api) {
    Map<String, PathItem> paths = api.getPaths() == null ? Map.of() : api.getPaths();
    int operations = paths.values().stream().mapToInt(path -> path.readOperations().size()).sum();
    String title = api.getInfo() == null ? null : api.getInfo().getTitle();
    String version = api.getInfo() == null ? null : api.getInfo().getVersion();
    return new OpenApiSummary(title, version, api.getOpenapi(), paths.size(), operations);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("title", title)
        .put("version", version)
        .put("openapi", openapi)
        .put("paths", paths)
        .put("operations", operations);
  }
}
