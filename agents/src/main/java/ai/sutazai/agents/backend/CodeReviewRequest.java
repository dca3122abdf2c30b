package ai.sutazai.agents.backend;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The payload of a {@code code_review} task: {@code {"language"?: "java"|"json"|..., "code": "..."}}.
 * The language is a short lower-case name (case is ignored); without one the code is reviewed
 * without a syntax check.
 */
record CodeReviewRequest(String language, String code) {

  static final String TASK_TYPE = "code_review";
  static final int MAX_CODE = 100_000;
  private static final Pattern LANGUAGE = Pattern.compile("[a-z][a-z0-9+#._-]{0,31}");
  private static final Set<String> FIELDS = Set.of("language", "code");

  /** Reads and checks the payload; a payload of the wrong shape fails with an {@code invalid-request} problem. */
  static CodeReviewRequest from(JsonObject payload) {
    PayloadReader reader = PayloadReader.of(TASK_TYPE, payload, FIELDS);
    String language = reader.optionalText("language", 64);
    if (language != null) {
      language = language.strip().toLowerCase(Locale.ROOT);
      if (!LANGUAGE.matcher(language).matches()) {
        throw PayloadReader.refusal(TASK_TYPE + " payload field 'language' must be a language name such as"
            + " \"java\" or \"json\" (a letter, then up to 31 letters, digits or + # . _ -)");
      }
    }
    return new CodeReviewRequest(language, reader.requiredText("code", MAX_CODE));
  }
}
