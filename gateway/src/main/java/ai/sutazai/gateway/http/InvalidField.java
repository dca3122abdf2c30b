package ai.sutazai.gateway.http;

import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;

/**
 * 400 problems for the rules a JSON schema cannot state (a priority's value, an image's data URL,
 * tool arguments encoded as a string), naming the field by its JSON pointer as schema violations do.
 */
public final class InvalidField {

  private InvalidField() {
  }

  /** The pointer of the member reached from {@code parent} through {@code names} (field names or array indexes). */
  public static String pointer(String parent, Object... names) {
    StringBuilder pointer = new StringBuilder(parent);
    for (Object name : names) {
      pointer.append('/').append(String.valueOf(name).replace("~", "~0").replace("/", "~1"));
    }
    return pointer.toString();
  }

  /** A 400 problem saying that the value at {@code pointer} (or the named parameter) {@code expectation}. */
  public static ProblemException at(String pointer, String expectation) {
    return ProblemType.INVALID_REQUEST.problem(pointer + " " + expectation).asException();
  }
}
