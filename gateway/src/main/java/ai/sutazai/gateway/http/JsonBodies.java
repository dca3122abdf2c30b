package ai.sutazai.gateway.http;

import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;

/**
 * Declares routes that take a JSON body (a size-limited {@link BodyHandler}, then the content
 * type check, since Vert.x Web runs body handlers before user handlers) and reads that body as a
 * JSON object.
 */
public final class JsonBodies {

  /** Which {@code Content-Type} values a route accepts. */
  public enum ContentTypes {
    /** {@code application/json} (or a {@code +json} type) only. */
    JSON,
    /**
     * Also no content type and {@code application/x-www-form-urlencoded}, which curl sends for
     * {@code -d}; Ollama ignores the header, so its documented curl examples must keep working.
     */
    JSON_OR_UNLABELLED
  }

  private final BodyHandler bodyHandler;
  private final int maxBodyBytes;

  public JsonBodies(int maxBodyBytes) {
    this.bodyHandler = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The largest body accepted, {@code http.max_body_bytes}. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Declares a route that takes a JSON body: the body handler, then the content type check; the
   * caller adds the route's own handler. For {@link ContentTypes#JSON_OR_UNLABELLED} a route in
   * front labels an unlabelled body as JSON, so the body handler never parses it as a form.
   */
  public Route route(Router router, HttpMethod method, String path, ContentTypes accepted) {
    if (accepted == ContentTypes.JSON_OR_UNLABELLED) {
      router.route(method, path).handler(JsonBodies::labelAsJson);
    }
    return router.route(method, path).handler(bodyHandler).handler(JsonBodies::checkContentType);
  }

  private static void labelAsJson(RoutingContext ctx) {
    String type = mediaType(ctx);
    if (type.isEmpty() || type.equals("application/x-www-form-urlencoded")) {
      ctx.request().headers().set(HttpHeaders.CONTENT_TYPE, "application/json");
    }
    ctx.next();
  }

  private static String mediaType(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    return header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  private static void checkContentType(RoutingContext ctx) {
    String type = mediaType(ctx);
    if (type.equals("application/json") || type.endsWith("+json")) {
      ctx.next();
    } else {
      String header = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
      throw ProblemType.UNSUPPORTED_MEDIA_TYPE.problem("expected Content-Type: application/json, got "
          + (header == null ? "none" : "'" + header + "'")).asException();
    }
  }

  /**
   * The request body as a JSON object.
   *
   * @throws ProblemException 400 when the body is empty, not JSON, or not an object
   */
  public static JsonObject read(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    return parse(body == null ? "" : body.toString());
  }

  /** Parses a JSON object, failing with a 400 problem that says what is wrong. */
  public static JsonObject parse(String text) {
    if (text.isBlank()) {
      throw ProblemType.MALFORMED_JSON.problem("the body is empty; expected a JSON object").asException();
    }
    Object value;
    try {
      value = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw ProblemType.MALFORMED_JSON.problem("the body is not valid JSON: " + describe(e)).asException();
    }
    if (value instanceof JsonObject json) {
      return json;
    }
    throw ProblemType.INVALID_REQUEST.problem("the body must be a JSON object").asException();
  }

  /**
   * What the JSON parser found wrong, for a client: without the parser's source description and
   * without the names of its Java classes (such as {@code StreamReadConstraints}) that some messages carry.
   */
  public static String describe(DecodeException e) {
    String message = String.valueOf(e.getMessage());
    message = message.replaceFirst("^Failed to decode:\\s*", "");
    message = message.replaceAll("\\s*at \\[Source: [^;\\]]*;", " at");
    message = message.replaceAll(",\\s*from `[^`]*`", "");
    message = message.replaceAll("\\s*\\(?`[A-Za-z_$][\\w$]*(\\.[\\w$]+)+(\\(\\))?`[^)]*\\)?", "");
    return message.replaceAll("\\s+", " ").trim();
  }
}
