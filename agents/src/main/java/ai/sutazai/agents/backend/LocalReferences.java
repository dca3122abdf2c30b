package ai.sutazai.agents.backend;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code $ref}s of a document that SutazAI will not follow: ones pointing outside the
 * document (they would make the parser fetch URLs or files a model chose) and local ones that
 * point at nothing.
 */
final class LocalReferences {

  private final JsonNode root;
  private final List<String> problems = new ArrayList<>();

  LocalReferences(JsonNode root) {
    this.root = root;
  }

  List<String> problems() {
    problems.clear();
    visit(root, "");
    return List.copyOf(problems);
  }

  private void visit(JsonNode node, String pointer) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String at = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
        if ("$ref".equals(field.getKey()) && field.getValue().isTextual()) {
          check(field.getValue().asText(), pointer.isEmpty() ? "/" : pointer);
        } else {
          visit(field.getValue(), at);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        visit(node.get(i), pointer + "/" + i);
      }
    }
  }

  private void check(String ref, String at) {
    if (!ref.startsWith("#")) {
      problems.add("$ref '" + ref + "' at " + at + " points outside the document; only local references"
          + " such as '#/components/schemas/Name' are accepted");
      return;
    }
    try {
      if (root.at(JsonPointer.compile(ref.substring(1))).isMissingNode()) {
        problems.add("$ref '" + ref + "' at " + at + " points at nothing in the document");
      }
    } catch (IllegalArgumentException e) {
      problems.add("$ref '" + ref + "' at " + at + " is not a JSON pointer: " + e.getMessage());
    }
  }
}
