package ai.sutazai.gateway.auth;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the credential of a request: {@code Authorization: Bearer <token>}, or the
 * {@code access_token} query parameter on the routes whose rule allows it.
 */
public final class BearerToken {

  /** The query parameter a browser WebSocket passes its token in. */
  public static final String QUERY_PARAMETER = "access_token";

  /** The characters of a JWT and of an API key (RFC 6750's b64token). */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
  private static final String SCHEME = "bearer ";

  private BearerToken() {
  }

  /**
   * The request's token, or empty when it carries none.
   *
   * @throws AuthFailure when the header or parameter is present but not a usable token
   */
  public static Optional<String> of(RoutingContext ctx, boolean queryAllowed) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null) {
      if (header.length() <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
        throw new AuthFailure("malformed", "the Authorization header must be 'Bearer <token>'");
      }
      return Optional.of(checked(header.substring(SCHEME.length()).trim()));
    }
    if (queryAllowed) {
      String parameter = ctx.request().getParam(QUERY_PARAMETER);
      if (parameter != null) {
        return Optional.of(checked(parameter));
      }
    }
    return Optional.empty();
  }

  private static String checked(String token) {
    if (!TOKEN.matcher(token).matches()) {
      throw new AuthFailure("malformed", "the bearer token is malformed (expected a JWT or a SutazAI API key)");
    }
    return token;
  }
}
