package ai.sutazai.gateway.conversation;

import ai.sutazai.gateway.http.JsonFields;

/** The body of a rename: {@code {"title"}} and nothing else, 1 to {@value #MAX_CHARACTERS} characters, not blank. */
final class ConversationTitle {

  static final int MAX_CHARACTERS = 200;

  private ConversationTitle() {
  }

  /**
   * The new title.
   *
   * @throws ai.sutazai.verticles.problem.ProblemException 400 naming an unknown field, or the title
   *                                                       when it is missing, not a string, blank or too long
   */
  static String read(JsonFields body) {
    for (String field : body.json().fieldNames()) {
      if (!field.equals("title")) {
        throw body.invalid(field, "cannot be changed; a conversation update takes only title");
      }
    }
    String title = body.optionalString("title");
    if (title == null) {
      throw body.invalid("title", "is required (a string of 1 to " + MAX_CHARACTERS + " characters)");
    }
    if (title.isBlank()) {
      throw body.invalid("title", "must not be blank");
    }
    int length = title.codePointCount(0, title.length());
    if (length > MAX_CHARACTERS) {
      throw body.invalid("title", "must be at most " + MAX_CHARACTERS + " characters, got " + length);
    }
    return title;
  }
}
