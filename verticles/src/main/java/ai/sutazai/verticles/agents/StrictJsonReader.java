package ai.sutazai.verticles.agents;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.vertx.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the catalogue's text into a JSON value, or says in plain words where it is not JSON: the
 * field the reader had reached (so the error can name the agent) and the line and column. A key
 * repeated within one object is refused too, where a lenient reader would silently keep the last.
 */
final class StrictJsonReader {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final Pattern AGENT_ID = Pattern.compile("^/agents/(\\d+)/id$");

  /** The outcome: a decoded value, or the problem and the id of the agent it was found in, if already read. */
  record Reading(Object value, FieldProblem problem, String agentId) {
  }

  private StrictJsonReader() {
  }

  static Reading read(String text) {
    Deque<Set<String>> objects = new ArrayDeque<>();
    LastId lastId = new LastId();
    try (JsonParser parser = FACTORY.createParser(text)) {
      try {
        int depth = 0;
        boolean complete = false;
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
          if (complete) {
            return problem("", "has more content after its JSON value, " + at(parser.currentTokenLocation()), null);
          }
          String repeated = track(parser, token, objects, lastId);
          if (repeated != null) {
            return problem(repeated, "appears twice in the same object", idFor(repeated, lastId));
          }
          depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
          complete = depth == 0;
        }
        if (!complete) {
          return problem("", "is empty: it must be a JSON object with the field agents", null);
        }
      } catch (StreamReadException e) {
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        return problem(pointer, describe(text, e.getLocation()), idFor(pointer, lastId));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading JSON from a string failed", e);
    }
    return new Reading(Json.decodeValue(text), null, null);
  }

  /** Follows one token; returns the pointer of a key repeated within its object, else null. */
  private static String track(JsonParser parser, JsonToken token, Deque<Set<String>> objects, LastId lastId)
      throws IOException {
    switch (token) {
      case START_OBJECT -> objects.push(new HashSet<>());
      case END_OBJECT -> objects.pop();
      case FIELD_NAME -> {
        if (!objects.peek().add(parser.currentName())) {
          return parser.getParsingContext().pathAsPointer().toString();
        }
      }
      case VALUE_STRING -> {
        Matcher id = AGENT_ID.matcher(parser.getParsingContext().pathAsPointer().toString());
        if (id.matches()) {
          lastId.index = id.group(1);
          lastId.id = parser.getText();
        }
      }
      default -> {
      }
    }
    return null;
  }

  /** The id read for the agent a pointer lies in, when the reader got that far. */
  private static String idFor(String pointer, LastId lastId) {
    return lastId.index != null && pointer.startsWith("/agents/" + lastId.index + "/") ? lastId.id : null;
  }

  private static String describe(String text, JsonLocation location) {
    long offset = location.getCharOffset();
    if (offset < 0 || offset >= text.length() || text.substring((int) offset).isBlank()) {
      return "is not valid JSON: the text ends before the JSON is complete, " + at(location);
    }
    char found = text.charAt((int) offset);
    String shown = Character.isISOControl(found) ? String.format("\\u%04x", (int) found) : String.valueOf(found);
    return "is not valid JSON: unexpected '" + shown + "' " + at(location);
  }

  private static String at(JsonLocation location) {
    return "at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static Reading problem(String pointer, String rule, String agentId) {
    return new Reading(null, new FieldProblem(pointer, rule), agentId);
  }

  /** The id of the agent most recently read, and that agent's index. */
  private static final class LastId {
    private String index;
    private String id;
  }
}
