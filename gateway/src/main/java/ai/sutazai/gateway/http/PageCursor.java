package ai.sutazai.gateway.http;

import java.util.regex.Pattern;

/**
 * The {@code cursor} query parameter of a list (conversations, tasks): the opaque {@code next_cursor} of an
 * earlier page, URL-safe base64 of at most {@value #MAX_CHARACTERS} characters. Storage decodes it.
 */
public final class PageCursor {

  static final int MAX_CHARACTERS = 128;
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_CHARACTERS + "}");

  private PageCursor() {
  }

  /**
   * The cursor, or null when the parameter is absent or empty (the first page).
   *
   * @throws ai.sutazai.verticles.problem.ProblemException 400 when it cannot be a cursor SutazAI handed out
   */
  public static String of(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!TOKEN.matcher(value).matches()) {
      throw InvalidField.at("query parameter cursor", "must be the next_cursor of an earlier page (URL-safe base64, "
          + "at most " + MAX_CHARACTERS + " characters)");
    }
    return value;
  }
}
