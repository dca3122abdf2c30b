package ai.sutazai.verticles.agents;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A JSON schema (draft 2020-12) read from the class path, and the explanation of what a value
 * broke. Every field's schema carries a {@code description} that says its rule in words; a
 * violation is told as {@code <field> must be <description>, got <value>}, a field the schema does
 * not list as {@code is not a known field}.
 */
public final class DescribedSchema {

  private static final String BASE_URI = "https://sutazai.ai";
  /** Keywords that only report that something beneath them failed. */
  private static final Set<String> WRAPPERS = Set.of("properties", "items", "prefixItems", "$ref", "allOf",
      "anyOf", "oneOf", "if", "then", "else");
  private static final Set<String> UNKNOWN_FIELD = Set.of("additionalProperties", "unevaluatedProperties");
  private static final int SHOWN_CHARACTERS = 40;

  private final JsonObject document;
  private final Validator validator;

  private DescribedSchema(String resource, String text) {
    document = new JsonObject(text);
    String uri = BASE_URI + resource;
    JsonSchemaOptions options = new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri(uri)
        .setOutputFormat(OutputFormat.Basic);
    SchemaRepository repository = SchemaRepository.create(options);
    // the repository marks up the schema it is given; explanations read the untouched document
    repository.dereference(uri, JsonSchema.of(document.copy()));
    validator = repository.validator(uri);
  }

  /**
   * The schema at {@code resource} (an absolute class path name such as {@code /schemas/agent-catalogue.json})
   * as {@code owner}'s class loader finds it; reads the class path, so build it once, off the event loop.
   */
  public static DescribedSchema onClassPath(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema " + resource + " is not on the class path");
      }
      return new DescribedSchema(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema " + resource, e);
    }
  }

  /** The untouched schema document. */
  public JsonObject document() {
    return document.copy();
  }

  /** Every field of {@code value} that breaks the schema, once each, in the order found. */
  public List<FieldProblem> check(Object value) {
    OutputUnit result = validator.validate(value);
    if (Boolean.TRUE.equals(result.getValid())) {
      return List.of();
    }
    List<OutputUnit> units = result.getErrors() == null ? List.of(result) : result.getErrors();
    Set<String> seen = new LinkedHashSet<>();
    List<FieldProblem> problems = new ArrayList<>();
    for (OutputUnit unit : units) {
      String keyword = lastSegment(unit.getKeywordLocation());
      String pointer = pointer(unit.getInstanceLocation());
      if (WRAPPERS.contains(keyword) || UNKNOWN_FIELD.contains(keyword) && failedOwnRule(units, pointer)) {
        continue;
      }
      FieldProblem problem = explain(keyword, pointer, unit, value);
      if (seen.add(problem.pointer())) {
        problems.add(problem);
      }
    }
    return problems;
  }

  /**
   * Vert.x also reports a known field as unknown when something in it broke a rule (a field's own
   * rule, or an unknown field deeper down); only the deepest report is the real one.
   */
  private static boolean failedOwnRule(List<OutputUnit> units, String pointer) {
    return units.stream().anyMatch(u -> {
      String keyword = lastSegment(u.getKeywordLocation());
      String at = pointer(u.getInstanceLocation());
      return !WRAPPERS.contains(keyword)
          && (at.startsWith(pointer + "/") || at.equals(pointer) && !UNKNOWN_FIELD.contains(keyword));
    });
  }

  private FieldProblem explain(String keyword, String pointer, OutputUnit unit, Object checked) {
    JsonObject rule = node(parentOf(unit.getAbsoluteKeywordLocation()));
    Object value = JsonPointers.valueAt(checked, pointer);
    if (UNKNOWN_FIELD.contains(keyword)) {
      return new FieldProblem(pointer, "is not a known field");
    }
    if (keyword.equals("required")) {
      String missing = firstMissing(rule.getJsonArray("required", new JsonArray()), value);
      return new FieldProblem(pointer + "/" + JsonPointers.escape(missing), "is required");
    }
    String description = rule.getString("description", "valid (" + unit.getError() + ")");
    return new FieldProblem(pointer, "must be " + description + ", got " + shown(value));
  }

  private static String firstMissing(JsonArray required, Object value) {
    for (Object field : required) {
      if (!(value instanceof JsonObject object) || !object.containsKey(String.valueOf(field))) {
        return String.valueOf(field);
      }
    }
    return String.valueOf(required.getValue(0));
  }

  /** The schema object at a location such as {@code https://sutazai.ai/schemas/agent-catalogue.json#/$defs/agent}. */
  private JsonObject node(String absoluteLocation) {
    int hash = absoluteLocation.indexOf('#');
    Object node = JsonPointers.valueAt(document, hash < 0 ? "" : absoluteLocation.substring(hash + 1));
    return node instanceof JsonObject object ? object : new JsonObject();
  }

  private static String shown(Object value) {
    if (value instanceof String text) {
      String cut = text.length() > SHOWN_CHARACTERS ? text.substring(0, SHOWN_CHARACTERS) + "..." : text;
      return "\"" + cut.replace("\"", "\\\"") + "\"";
    }
    if (value instanceof JsonObject) {
      return "an object";
    }
    if (value instanceof JsonArray array) {
      return "an array of " + array.size();
    }
    return String.valueOf(value);
  }

  /** Vert.x reports locations as {@code #/a/b}; errors name them as plain JSON pointers. */
  private static String pointer(String location) {
    if (location == null || location.equals("#")) {
      return "";
    }
    return location.startsWith("#") ? location.substring(1) : location;
  }

  private static String parentOf(String location) {
    String text = Objects.toString(location, "");
    int slash = text.lastIndexOf('/');
    return slash < 0 ? text : text.substring(0, slash);
  }

  private static String lastSegment(String location) {
    String text = Objects.toString(location, "");
    return text.substring(text.lastIndexOf('/') + 1);
  }
}
