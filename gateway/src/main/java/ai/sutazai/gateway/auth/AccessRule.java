package ai.sutazai.gateway.auth;

import io.vertx.core.http.HttpMethod;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may call one route: a method and a path pattern ({@code /api/v1/conversations/{id}}, where
 * {@code {id}} stands for one path segment and {@code {name...}} for one or more), the roles admitted,
 * whether no token is needed, and whether the token may come as the {@code access_token} query
 * parameter (for browsers, which cannot set headers on a WebSocket).
 */
public record AccessRule(HttpMethod method, String pattern, Set<Role> roles, Publicity publicity,
    boolean tokenInQuery) {

  /** When a route is served without a token. */
  public enum Publicity {
    /** Never: a token of an admitted role is required. */
    NEVER,
    /** Always (health and readiness probes). */
    ALWAYS,
    /** Only when {@code metrics.public} is true. */
    WHEN_METRICS_PUBLIC
  }

  public AccessRule {
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  /** Whether a request without a token may pass, given {@code metrics.public}. */
  public boolean isPublic(boolean metricsPublic) {
    return publicity == Publicity.ALWAYS || publicity == Publicity.WHEN_METRICS_PUBLIC && metricsPublic;
  }

  /** Whether {@code path} fits this rule's pattern. */
  public boolean matchesPath(String path) {
    String[] expected = pattern.split("/", -1);
    String[] actual = path.split("/", -1);
    for (int i = 0; i < expected.length; i++) {
      String segment = expected[i];
      if (segment.startsWith("{") && segment.endsWith("...}")) {
        return actual.length > i && !String.join("/", Arrays.copyOfRange(actual, i, actual.length)).isEmpty();
      }
      if (i >= actual.length) {
        return false;
      }
      boolean parameter = segment.startsWith("{") && segment.endsWith("}");
      if (parameter ? actual[i].isEmpty() : !segment.equals(actual[i])) {
        return false;
      }
    }
    return expected.length == actual.length;
  }
}
