package ai.sutazai.gateway.audit;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One audited route: its method and path, the action name its rows carry, and where its target is read: the
 * path's {@code target} group, or the first of {@code bodyFields} that the JSON body holds as a string, or only
 * what the route names with {@link AuditRecorder#target} (when the path has no such group and no field is named). Only
 * those named, non-secret values are ever read from a request.
 */
record AuditedAction(HttpMethod method, Pattern path, String action, List<String> bodyFields) {

  /** The longest target kept; longer ones are cut. */
  static final int MAX_TARGET_CHARS = 200;

  /** A route whose {@code pathRegex} captures the target in a group named {@code target}. */
  static AuditedAction onPath(HttpMethod method, String pathRegex, String action) {
    return new AuditedAction(method, Pattern.compile(pathRegex + "/?"), action, List.of());
  }

  /** A route whose target only the route itself names, once it knows it ({@link AuditRecorder#target}). */
  static AuditedAction named(HttpMethod method, String path, String action) {
    return new AuditedAction(method, Pattern.compile(Pattern.quote(path) + "/?"), action, List.of());
  }

  /** A route whose target is the first of {@code fields} in its JSON body. */
  static AuditedAction inBody(HttpMethod method, String path, String action, String... fields) {
    return new AuditedAction(method, Pattern.compile(Pattern.quote(path) + "/?"), action, List.of(fields));
  }

  /** Whether this is the action a request with {@code method} on {@code normalizedPath} performs. */
  boolean matches(HttpMethod requestMethod, String normalizedPath) {
    return method.equals(requestMethod) && path.matcher(normalizedPath).matches();
  }

  /** The target of the request, or null when the request did not name one readably. */
  String target(RoutingContext ctx) {
    if (bodyFields.isEmpty()) {
      if (!path.pattern().contains("(?<target>")) {
        return null;
      }
      Matcher matcher = path.matcher(ctx.normalizedPath());
      return matcher.matches() ? bounded(decoded(matcher.group("target"))) : null;
    }
    return bodyObject(ctx).flatMap(body -> bodyFields.stream()
        .map(body::getValue)
        .filter(String.class::isInstance)
        .map(String.class::cast)
        .findFirst())
      .map(AuditedAction::bounded)
      .orElse(null);
  }

  private static Optional<JsonObject> bodyObject(RoutingContext ctx) {
    RequestBody body = ctx.body();
    if (body == null || !body.available() || body.buffer() == null) {
      return Optional.empty();
    }
    try {
      return Json.decodeValue(body.buffer()) instanceof JsonObject json ? Optional.of(json) : Optional.empty();
    } catch (DecodeException e) {
      return Optional.empty();
    }
  }

  private static String decoded(String raw) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  static String bounded(String text) {
    return text.length() <= MAX_TARGET_CHARS ? text : text.substring(0, MAX_TARGET_CHARS);
  }
}
