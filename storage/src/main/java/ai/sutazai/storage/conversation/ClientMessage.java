package ai.sutazai.storage.conversation;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Set;

/** A message the client sent in one exchange: its role (system, user, assistant or tool) and content. */
public record ClientMessage(String role, String content) {

  /** The roles a message may have; the same set the {@code messages.role} column allows. */
  public static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

  public ClientMessage {
    Objects.requireNonNull(content, "content");
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException("role must be one of system, user, assistant, tool, got " + role);
    }
  }

  /** Reads {@code messages[index]}, naming the bad field in a 400 problem. */
  static ClientMessage fromJson(Object value, int index) {
    String field = "messages[" + index + "]";
    if (!(value instanceof JsonObject json)) {
      throw RequestFields.invalid("'" + field + "' must be an object, got " + Json.encode(value));
    }
    Object role = json.getValue("role");
    if (!(role instanceof String name) || !ROLES.contains(name)) {
      throw RequestFields.invalid("'" + field + ".role' must be one of system, user, assistant, tool, got "
        + Json.encode(role));
    }
    return new ClientMessage(name, RequestFields.string(json, "content", field + ".content"));
  }
}
