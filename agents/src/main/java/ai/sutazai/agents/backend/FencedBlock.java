package ai.sutazai.agents.backend;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes a document out of a model's answer. Models wrap documents in Markdown code fences
 * ({@code ```yaml ... ```}) and often add a sentence before or after; the document is the first
 * fenced block labelled as YAML or JSON (or not labelled), else the whole answer.
 */
final class FencedBlock {

  private static final Pattern FENCE = Pattern.compile(
      "^[ \\t]*(`{3,}|~{3,})[ \\t]*([\\w.+-]*)[^\\n]*\\n(.*?)^[ \\t]*\\1[ \\t]*$",
      Pattern.MULTILINE | Pattern.DOTALL);
  private static final Set<String> DOCUMENT_LABELS = Set.of("", "yaml", "yml", "json", "openapi");

  private FencedBlock() {
  }

  static String documentIn(String answer) {
    Matcher fence = FENCE.matcher(answer);
    while (fence.find()) {
      if (DOCUMENT_LABELS.contains(fence.group(2).toLowerCase(Locale.ROOT))) {
        return fence.group(3).strip();
      }
    }
    return answer.strip();
  }
}
