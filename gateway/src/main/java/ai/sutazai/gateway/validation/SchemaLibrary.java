package ai.sutazai.gateway.validation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON schemas under {@code /schemas} on the class path, dereferenced into one repository so
 * they can refer to each other, kept also as JSON so a violation can be explained from the
 * schema that was broken.
 */
final class SchemaLibrary {

  static final String BASE_URI = "https://sutazai.ai/schemas/";
  /** The files, the kernel's {@code agent-catalogue.json} among them (the agent bodies refer to its agent). */
  static final SchemaLibrary INSTANCE = new SchemaLibrary(List.of("common.json", "ollama-common.json",
      "agent-catalogue.json", "native-chat.json", "chat-frame.json", "conversation-rename.json", "key-create.json",
      "model-pull.json", "openai-chat-completions.json", "ollama-chat.json", "ollama-generate.json",
      "ollama-embed.json", "ollama-show.json", "ollama-pull.json", "ollama-delete.json", "task-create.json",
      "workflow-start.json", "agent.json", "agent-update.json"));

  private final JsonSchemaOptions options = new JsonSchemaOptions()
      .setDraft(Draft.DRAFT202012)
      .setBaseUri(BASE_URI)
      .setOutputFormat(OutputFormat.Basic);
  private final SchemaRepository repository = SchemaRepository.create(options);
  private final Map<String, JsonObject> documents = new HashMap<>();

  private SchemaLibrary(List<String> files) {
    for (String file : files) {
      JsonObject document = new JsonObject(read(file));
      // the repository marks up the schema it is given; explanations read an untouched copy
      documents.put(BASE_URI + file, document.copy());
      repository.dereference(BASE_URI + file, JsonSchema.of(document));
    }
  }

  private static String read(String file) {
    try (InputStream in = SchemaLibrary.class.getResourceAsStream("/schemas/" + file)) {
      if (in == null) {
        throw new IllegalStateException("schema /schemas/" + file + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema /schemas/" + file, e);
    }
  }

  /** A validator for the whole schema file {@code file}. */
  Validator validator(String file) {
    if (!documents.containsKey(BASE_URI + file)) {
      throw new IllegalArgumentException("no schema " + file);
    }
    return repository.validator(BASE_URI + file);
  }

  /** A validator for the schema at {@code ref}, for example {@code common.json#/$defs/model_name}. */
  Validator validatorOf(String ref) {
    return repository.validator(JsonSchema.of(new JsonObject().put("$ref", BASE_URI + ref)), options);
  }

  /** The schema a {@code $ref} found in the document at {@code documentUri} points to, or an empty object. */
  JsonObject resolve(String documentUri, String ref) {
    int hash = documentUri.indexOf('#');
    String base = hash < 0 ? documentUri : documentUri.substring(0, hash);
    return node(ref.startsWith("#") ? base + ref : BASE_URI + ref);
  }

  /**
   * The schema object at an absolute location such as {@code https://sutazai.ai/schemas/x.json#/properties/a},
   * or an empty object when the location does not lead to one.
   */
  JsonObject node(String absoluteLocation) {
    int hash = absoluteLocation.indexOf('#');
    Object node = documents.get(hash < 0 ? absoluteLocation : absoluteLocation.substring(0, hash));
    String pointer = hash < 0 ? "" : absoluteLocation.substring(hash + 1);
    for (String segment : pointer.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      String name = segment.replace("~1", "/").replace("~0", "~");
      if (node instanceof JsonObject object) {
        node = object.getValue(name);
      } else if (node instanceof JsonArray array && name.chars().allMatch(Character::isDigit)) {
        int index = Integer.parseInt(name);
        node = index < array.size() ? array.getValue(index) : null;
      } else {
        node = null;
      }
    }
    return node instanceof JsonObject object ? object : new JsonObject();
  }
}
