package ai.sutazai.gateway.http;

import java.util.regex.Pattern;

/** The {@code limit} query parameter of a list (conversations, tasks): a whole number from 1 to {@value #MAX}. */
public final class PageLimit {

  static final int MAX = 100;
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,3}");

  private PageLimit() {
  }

  /**
   * The limit, or null when the parameter is absent (storage's default).
   *
   * @throws ai.sutazai.verticles.problem.ProblemException 400 when it is not a whole number in range
   */
  public static Integer of(String value) {
    if (value == null) {
      return null;
    }
    int limit = DIGITS.matcher(value).matches() ? Integer.parseInt(value) : -1;
    if (limit < 1 || limit > MAX) {
      throw InvalidField.at("query parameter limit", "must be a whole number from 1 to " + MAX
          + ", got \"" + value + "\"");
    }
    return limit;
  }
}
