package ai.sutazai.gateway.http;

import ai.sutazai.gateway.ratelimit.RateLimitHandler;
import ai.sutazai.verticles.config.Settings;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may call the API from a web page of another origin ({@code cors.*}). Requests without an
 * {@code Origin}, or from the gateway's own origin, pass. An origin listed in
 * {@code cors.allowed_origins} (or any, when it is {@code *}) gets the CORS headers from vertx-web's
 * {@link CorsHandler}, and its preflight is answered 204. Any other origin is refused 403
 * {@code origin-not-allowed} before any work, preflight or not, which also keeps other sites' pages
 * from opening WebSockets to the gateway.
 */
public final class CrossOrigin implements Handler<RoutingContext> {

  private static final Set<String> EXPOSED = new LinkedHashSet<>(List.of(RequestIdHandler.HEADER, "Retry-After",
      RateLimitHandler.LIMIT_HEADER, RateLimitHandler.REMAINING_HEADER, RateLimitHandler.RESET_HEADER));
  private static final int PREFLIGHT_MAX_AGE_SECONDS = 600;

  private final Set<String> origins;
  private final boolean anyOrigin;
  private final CorsHandler cors;

  private CrossOrigin(Set<String> origins, Set<HttpMethod> methods, Set<String> headers) {
    this.origins = origins;
    this.anyOrigin = origins.contains("*");
    this.cors = origins.isEmpty() ? null : CorsHandler.create()
        .addOrigins(anyOrigin ? List.of("*") : List.copyOf(origins))
        .allowedMethods(methods)
        .allowedHeaders(headers)
        .exposedHeaders(EXPOSED)
        .maxAgeSeconds(PREFLIGHT_MAX_AGE_SECONDS);
  }

  /**
   * The policy a gateway config sets.
   *
   * @throws IllegalArgumentException naming the setting when an origin or method is not valid
   */
  public static CrossOrigin from(JsonObject config) {
    Set<String> origins = new LinkedHashSet<>();
    for (String origin : list(Settings.CORS_ALLOWED_ORIGINS.stringIn(config))) {
      origins.add(origin.equals("*") ? origin : canonical(origin));
    }
    Set<HttpMethod> methods = new LinkedHashSet<>();
    for (String method : list(Settings.CORS_ALLOWED_METHODS.stringIn(config))) {
      methods.add(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)));
    }
    return new CrossOrigin(origins, methods, new LinkedHashSet<>(list(Settings.CORS_ALLOWED_HEADERS.stringIn(config))));
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    // The answer depends on the origin even when it is refused or same-origin.
    ctx.response().putHeader(HttpHeaders.VARY, "Origin");
    if (origin == null || sameOrigin(ctx, origin)) {
      ctx.next();
    } else if (cors != null && (anyOrigin || origins.contains(origin.toLowerCase(Locale.ROOT)))) {
      cors.handle(ctx);
    } else {
      ProblemResponses.send(ctx, ProblemType.ORIGIN_NOT_ALLOWED.problem("web pages from origin " + origin
          + " may not call this API; " + (origins.isEmpty()
              ? "only same-origin requests are allowed (" + Settings.CORS_ALLOWED_ORIGINS.path() + " is empty)"
              : "allowed origins are " + String.join(", ", origins) + " (" + Settings.CORS_ALLOWED_ORIGINS.path() + ")")));
    }
  }

  /** Whether the page that sent the request was served by this gateway itself (same scheme, host and port). */
  private static boolean sameOrigin(RoutingContext ctx, String origin) {
    HostAndPort authority = ctx.request().authority();
    if (authority == null) {
      return false;
    }
    String scheme = ctx.request().isSSL() ? "https" : "http";
    int port = authority.port() > 0 ? authority.port() : defaultPort(scheme);
    String own = scheme + "://" + authority.host().toLowerCase(Locale.ROOT)
        + (port == defaultPort(scheme) ? "" : ":" + port);
    try {
      return canonical(origin).equals(own);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code scheme://host[:port]} in lower case, without a trailing slash or default port. */
  static String canonical(String origin) {
    URI uri;
    try {
      uri = new URI(origin.trim());
    } catch (java.net.URISyntaxException e) {
      throw invalidOrigin(origin);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean bare = uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/");
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare
        || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
      throw invalidOrigin(origin);
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return uri.getPort() < 0 || uri.getPort() == defaultPort(scheme)
        ? scheme + "://" + host
        : scheme + "://" + host + ":" + uri.getPort();
  }

  private static IllegalArgumentException invalidOrigin(String origin) {
    return new IllegalArgumentException(Settings.CORS_ALLOWED_ORIGINS.path() + ": \"" + origin
        + "\" is not an origin such as https://app.example or http://localhost:3000, nor *");
  }

  private static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }

  private static List<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toList());
  }
}
