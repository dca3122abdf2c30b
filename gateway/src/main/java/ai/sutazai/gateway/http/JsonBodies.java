package ai.sutazai.gateway.http;

import ai.sutazai.gateway.validation.BodySchema;
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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Declares routes that take a JSON body (a size-limited {@link BodyHandler}, then the content
 * type check, since Vert.x Web runs body handlers before user handlers, then the check against the
 * body's {@link BodySchema}) and hands the checked body to the route.
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

  private static final String CHECKED_BODY = "sutazai.checkedBody";

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
   * Declares a route that takes a JSON body: the body handler, the content type check, then the
   * parse and the check against {@code schema}; the caller adds the route's own handler, which
   * reads the body with {@link #read}. For {@link ContentTypes#JSON_OR_UNLABELLED} a route in
   * front labels an unlabelled body as JSON, so the body handler never parses it as a form.
   */
  public Route route(Router router, HttpMethod method, String path, ContentTypes accepted, BodySchema schema) {
    if (accepted == ContentTypes.JSON_OR_UNLABELLED) {
      router.route(method, path).handler(JsonBodies::labelAsJson);
    }
    return router.route(method, path).handler(bodyHandler).handler(JsonBodies::checkContentType)
        .handler(ctx -> {
          ctx.put(CHECKED_BODY, schema.check(parse(text(ctx.body().buffer()))));
          ctx.next();
        });
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

  /** The request body, already checked against the route's schema. */
  public static JsonObject read(RoutingContext ctx) {
    return ctx.get(CHECKED_BODY);
  }

  /** The body as text; a body that is not UTF-8 fails with a 400 problem rather than reaching a model garbled. */
  static String text(Buffer body) {
    if (body == null) {
      return "";
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body.getBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw ProblemType.MALFORMED_JSON.problem("the body is not valid UTF-8").asException();
    }
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
