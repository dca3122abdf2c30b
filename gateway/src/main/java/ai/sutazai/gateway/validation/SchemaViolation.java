package ai.sutazai.gateway.validation;

import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The first rule a value broke, as a 400 problem whose detail names the field by its JSON pointer
 * ({@code /messages/1/role}) and says the rule in words, from the schema that holds it.
 */
final class SchemaViolation {

  /** Keywords that only report that something beneath them failed. */
  private static final Set<String> CONTAINERS = Set.of("properties", "patternProperties", "items", "prefixItems",
      "contains", "$ref", "$dynamicRef", "allOf", "if", "then", "else", "dependentSchemas", "propertyNames");
  private static final Set<String> UNKNOWN_FIELD = Set.of("additionalProperties", "unevaluatedProperties");
  private static final int SHOWN_CHARACTERS = 60;

  private final SchemaLibrary library;
  private final Object instance;
  private final String name;

  /**
   * @param instance the value that was checked
   * @param name     how the value itself is called in the detail: empty for a body, whose fields are
   *                 named by pointer alone, else for example {@code path parameter id}
   */
  SchemaViolation(SchemaLibrary library, Object instance, String name) {
    this.library = library;
    this.instance = instance;
    this.name = name;
  }

  ProblemException toException(OutputUnit result) {
    return ProblemType.INVALID_REQUEST.problem(detail(result)).asException();
  }

  String detail(OutputUnit result) {
    List<OutputUnit> errors = result.getErrors() == null ? List.of() : result.getErrors();
    for (OutputUnit error : errors) {
      String keyword = lastSegment(error.getKeywordLocation());
      if (CONTAINERS.contains(keyword)
          || (UNKNOWN_FIELD.contains(keyword) && failedItself(errors, error.getInstanceLocation()))) {
        continue;
      }
      return explain(keyword, error);
    }
    return label(pointer(result.getInstanceLocation())) + " is not valid: " + result.getError();
  }

  /** Vert.x also reports a known field that failed its own schema as unknown; this tells the two apart. */
  private static boolean failedItself(List<OutputUnit> errors, String location) {
    return errors.stream().anyMatch(e -> !UNKNOWN_FIELD.contains(lastSegment(e.getKeywordLocation()))
        && !CONTAINERS.contains(lastSegment(e.getKeywordLocation()))
        && (Objects.equals(e.getInstanceLocation(), location)
            || String.valueOf(e.getInstanceLocation()).startsWith(location + "/")));
  }

  private String explain(String keyword, OutputUnit error) {
    String pointer = pointer(error.getInstanceLocation());
    String field = label(pointer);
    JsonObject schema = library.node(parentOf(error.getAbsoluteKeywordLocation()));
    Object value = valueAt(pointer);
    String description = schema.getString("description");
    switch (keyword) {
      case "required":
        return label(pointer + "/" + escape(firstMissing(schema, value))) + " is required";
      case "type":
        return field + " must be " + (description != null ? description : types(schema.getValue("type")));
      case "enum":
        return field + " must be one of " + choices(schema.getJsonArray("enum")) + ", got " + shown(value);
      case "const":
        return field + " must be " + shown(schema.getValue("const")) + ", got " + shown(value);
      case "minItems":
        return field + (schema.getInteger("minItems") == 1 ? " must not be empty"
            : " must have at least " + schema.getValue("minItems") + " items");
      case "maxItems":
        return field + " must have at most " + schema.getValue("maxItems") + " items";
      case "minLength":
        return field + (schema.getInteger("minLength") == 1 ? " must not be empty"
            : " must be at least " + schema.getValue("minLength") + " characters");
      case "maxLength":
        return field + " must be at most " + schema.getValue("maxLength") + " characters, got "
            + (value instanceof String s ? s.codePointCount(0, s.length()) : 0);
      case "minimum":
      case "exclusiveMinimum":
        return field + " must be " + (keyword.equals("minimum") ? "at least " : "more than ")
            + schema.getValue(keyword) + ", got " + shown(value);
      case "maximum":
      case "exclusiveMaximum":
        return field + " must be " + (keyword.equals("maximum") ? "at most " : "less than ")
            + schema.getValue(keyword) + ", got " + shown(value);
      case "pattern":
        return field + " must be " + (description != null ? description : "text matching " + schema.getString("pattern"))
            + ", got " + shown(value);
      case "anyOf":
      case "oneOf":
        return field + alternatives(schema.getJsonArray(keyword), description, error.getAbsoluteKeywordLocation());
      case "not":
        return field + (new JsonObject().put("type", "null").equals(schema.getValue("not"))
            ? " must not be null" : " is not allowed here");
      case "additionalProperties":
      case "unevaluatedProperties":
        return field + " is not a known field";
      default:
        return field + " is not valid: " + error.getError();
    }
  }

  /** Says what a value failing {@code anyOf} or {@code oneOf} should have been, from the branches' own schemas. */
  private String alternatives(JsonArray branches, String description, String location) {
    if (description != null) {
      return " must be " + description;
    }
    List<String> required = new ArrayList<>();
    List<String> forms = new ArrayList<>();
    for (Object item : branches == null ? new JsonArray() : branches) {
      JsonObject branch = item instanceof JsonObject b ? b : new JsonObject();
      if (branch.size() == 1 && branch.getValue("required") instanceof JsonArray names) {
        names.forEach(n -> required.add(String.valueOf(n)));
        continue;
      }
      JsonObject target = branch.getValue("$ref") instanceof String ref ? library.resolve(location, ref) : branch;
      if (target.getString("description") != null) {
        forms.add(target.getString("description"));
      } else if (target.containsKey("type") && !types(target.getValue("type")).isEmpty()) {
        forms.add(types(target.getValue("type")));
      }
    }
    if (!required.isEmpty()) {
      return " needs one of the fields " + String.join(", ", required);
    }
    return forms.isEmpty() ? " does not match any of its allowed forms" : " must be " + String.join(" or ", forms);
  }

  private static String firstMissing(JsonObject schema, Object value) {
    JsonArray required = schema.getJsonArray("required", new JsonArray());
    for (Object field : required) {
      if (!(value instanceof JsonObject object) || !object.containsKey(String.valueOf(field))) {
        return String.valueOf(field);
      }
    }
    return required.isEmpty() ? "" : String.valueOf(required.getValue(0));
  }

  private static String types(Object type) {
    List<Object> names = type instanceof JsonArray array ? array.getList() : List.of(String.valueOf(type));
    return names.stream().filter(n -> !"null".equals(n)).map(n -> switch (String.valueOf(n)) {
      case "string" -> "a string";
      case "integer" -> "a whole number";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      case "object" -> "a JSON object";
      case "array" -> "an array";
      default -> String.valueOf(n);
    }).collect(Collectors.joining(" or "));
  }

  private static String choices(JsonArray values) {
    return values.stream().filter(Objects::nonNull).map(String::valueOf).collect(Collectors.joining(", "));
  }

  private static String shown(Object value) {
    if (value instanceof String text) {
      String cut = text.codePointCount(0, text.length()) > SHOWN_CHARACTERS
          ? text.substring(0, text.offsetByCodePoints(0, SHOWN_CHARACTERS)) + "..." : text;
      return "\"" + cut.replace("\"", "\\\"") + "\"";
    }
    if (value instanceof JsonObject) {
      return "an object";
    }
    if (value instanceof JsonArray) {
      return "an array";
    }
    return String.valueOf(value);
  }

  /** The value at a JSON pointer of the checked instance, or null. */
  private Object valueAt(String pointer) {
    Object node = instance;
    for (String segment : pointer.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      String key = segment.replace("~1", "/").replace("~0", "~");
      if (node instanceof JsonObject object) {
        node = object.getValue(key);
      } else if (node instanceof JsonArray array && !key.isEmpty() && key.chars().allMatch(Character::isDigit)
          && key.length() < 10 && Integer.parseInt(key) < array.size()) {
        node = array.getValue(Integer.parseInt(key));
      } else {
        return null;
      }
    }
    return node;
  }

  /** How a pointer is named: a body's fields by the pointer, a parameter by its name then the pointer. */
  private String label(String pointer) {
    if (name.isEmpty()) {
      return pointer.isEmpty() ? "the body" : pointer;
    }
    return pointer.isEmpty() ? name : name + pointer;
  }

  /** Vert.x reports locations as {@code #/a/b}; problems name them as plain JSON pointers. */
  private static String pointer(String location) {
    if (location == null || location.equals("#")) {
      return "";
    }
    return location.startsWith("#") ? location.substring(1) : location;
  }

  private static String parentOf(String location) {
    int slash = location == null ? -1 : location.lastIndexOf('/');
    return slash < 0 ? String.valueOf(location) : location.substring(0, slash);
  }

  private static String lastSegment(String location) {
    int slash = location == null ? -1 : location.lastIndexOf('/');
    return slash < 0 ? String.valueOf(location) : location.substring(slash + 1);
  }

  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
