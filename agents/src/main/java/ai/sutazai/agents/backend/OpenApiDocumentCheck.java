package ai.sutazai.agents.backend;

import ai.sutazai.agents.model.ModelReply;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses a model's answer as an OpenAPI 3 document (JSON or YAML, fenced or not) and validates it
 * with swagger-parser. References are never fetched: a {@code $ref} must point inside the document,
 * at something that exists. A document without a single operation is refused too.
 * CPU-bound: call it from a worker thread.
 */
final class OpenApiDocumentCheck {

  /** At most this many problems are reported, so a retry prompt stays a reasonable size. */
  static final int MAX_PROBLEMS = 20;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  OpenApiReading read(String answer) {
    String text = ModelReply.documentIn(answer);
    if (text.isEmpty()) {
      return OpenApiReading.invalid(List.of("the answer holds no document"));
    }
    JsonNode tree;
    try {
      tree = (text.startsWith("{") ? JSON : YAML).readTree(text);
    } catch (JsonProcessingException e) {
      return OpenApiReading.invalid(List.of(syntaxProblem(text.startsWith("{") ? "JSON" : "YAML", e)));
    }
    if (tree == null || !tree.isObject()) {
      return OpenApiReading.invalid(List.of("the document must be a JSON or YAML object with the field openapi"));
    }
    Set<String> problems = new LinkedHashSet<>();
    JsonNode openapi = tree.get("openapi");
    if (openapi == null || !openapi.isTextual() || !openapi.asText().startsWith("3.")) {
      problems.add("field openapi must name an OpenAPI 3 version such as \"3.0.3\", got "
          + (openapi == null ? "nothing" : openapi.toString()));
    }
    problems.addAll(new LocalReferences(tree).problems());
    SwaggerParseResult parsed = new OpenAPIV3Parser().parseJsonNode(null, tree, options());
    if (parsed.getMessages() != null) {
      problems.addAll(parsed.getMessages());
    }
    OpenAPI api = parsed.getOpenAPI();
    if (api != null && problems.isEmpty()) {
      OpenApiSummary summary = OpenApiSummary.of(api);
      if (summary.operations() == 0) {
        problems.add("the document describes no operations: paths must hold at least one path with an operation");
      } else {
        return OpenApiReading.valid(new JsonObject(tree.toString()), summary);
      }
    }
    if (problems.isEmpty()) {
      problems.add("the document is not an OpenAPI 3 document");
    }
    return OpenApiReading.invalid(first(problems));
  }

  private static ParseOptions options() {
    ParseOptions options = new ParseOptions();
    options.setResolve(false);
    options.setValidateExternalRefs(false);
    options.setValidateInternalRefs(true);
    return options;
  }

  private static String syntaxProblem(String format, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    String message = e.getOriginalMessage().lines().findFirst().orElse("").strip();
    return "the document is not valid " + format + where + ": " + message;
  }

  private static List<String> first(Set<String> problems) {
    List<String> kept = new ArrayList<>(problems);
    return kept.size() <= MAX_PROBLEMS ? kept : kept.subList(0, MAX_PROBLEMS);
  }
}
