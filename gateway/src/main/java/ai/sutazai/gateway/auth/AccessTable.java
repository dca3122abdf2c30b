package ai.sutazai.gateway.auth;

import ai.sutazai.gateway.auth.AccessRule.Publicity;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every route of the gateway with the roles it admits: the authentication handler enforces it, a
 * request no rule matches is refused, and the README's table of routes is generated from it.
 */
public final class AccessTable {

  private static final Set<Role> ALL = EnumSet.allOf(Role.class);
  private static final Set<Role> READERS = EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.VIEWER);
  private static final Set<Role> CHATTERS = EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.USER);
  private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
  private static final Set<Role> AGENT_CHANGERS = EnumSet.of(Role.ADMIN, Role.OPERATOR);

  private static final List<AccessRule> RULES = List.of(
      publicRule(HttpMethod.GET, "/api/v1/system/health"),
      publicRule(HttpMethod.HEAD, "/api/v1/system/health"),
      publicRule(HttpMethod.GET, "/api/v1/system/ready"),
      publicRule(HttpMethod.HEAD, "/api/v1/system/ready"),
      new AccessRule(HttpMethod.GET, "/metrics", READERS, Publicity.WHEN_METRICS_PUBLIC, false),
      rule(HttpMethod.GET, "/api/v1/system/status", READERS),

      rule(HttpMethod.GET, "/api/v1/models", ALL),
      rule(HttpMethod.POST, "/api/v1/models/pull", ADMIN),
      rule(HttpMethod.DELETE, "/api/v1/models/{name...}", ADMIN),

      rule(HttpMethod.POST, "/api/v1/chat", CHATTERS),
      new AccessRule(HttpMethod.GET, "/ws/chat", CHATTERS, Publicity.NEVER, true),
      rule(HttpMethod.GET, "/api/v1/conversations", CHATTERS),
      rule(HttpMethod.GET, "/api/v1/conversations/{id}", CHATTERS),
      rule(HttpMethod.PATCH, "/api/v1/conversations/{id}", CHATTERS),
      rule(HttpMethod.DELETE, "/api/v1/conversations/{id}", CHATTERS),

      rule(HttpMethod.POST, "/api/v1/tasks", CHATTERS),
      rule(HttpMethod.GET, "/api/v1/tasks", ALL),
      rule(HttpMethod.GET, "/api/v1/tasks/{id}", ALL),
      rule(HttpMethod.DELETE, "/api/v1/tasks/{id}", CHATTERS),
      new AccessRule(HttpMethod.GET, "/api/v1/tasks/{id}/events", ALL, Publicity.NEVER, true),
      rule(HttpMethod.POST, "/api/v1/workflows", CHATTERS),
      rule(HttpMethod.GET, "/api/v1/workflows/{id}", ALL),
      rule(HttpMethod.GET, "/api/v1/agents", ALL),
      rule(HttpMethod.POST, "/api/v1/agents", AGENT_CHANGERS),
      rule(HttpMethod.POST, "/api/v1/agents/reload", AGENT_CHANGERS),
      rule(HttpMethod.GET, "/api/v1/agents/{id}", ALL),
      rule(HttpMethod.PUT, "/api/v1/agents/{id}", AGENT_CHANGERS),
      rule(HttpMethod.DELETE, "/api/v1/agents/{id}", AGENT_CHANGERS),
      rule(HttpMethod.POST, "/api/v1/agents/{id}/redeploy", AGENT_CHANGERS),
      new AccessRule(HttpMethod.GET, "/ws/agents", ALL, Publicity.NEVER, true),

      rule(HttpMethod.POST, "/api/v1/keys", ADMIN),
      rule(HttpMethod.GET, "/api/v1/keys", ADMIN),
      rule(HttpMethod.DELETE, "/api/v1/keys/{id}", ADMIN),
      rule(HttpMethod.GET, "/api/v1/audit", ADMIN),

      rule(HttpMethod.POST, "/v1/chat/completions", CHATTERS),
      rule(HttpMethod.GET, "/v1/models", ALL),
      rule(HttpMethod.GET, "/v1/models/{model...}", ALL),

      rule(HttpMethod.POST, "/api/chat", CHATTERS),
      rule(HttpMethod.POST, "/api/generate", CHATTERS),
      rule(HttpMethod.POST, "/api/embed", CHATTERS),
      rule(HttpMethod.POST, "/api/show", ALL),
      rule(HttpMethod.GET, "/api/tags", ALL),
      rule(HttpMethod.GET, "/api/ps", ALL),
      rule(HttpMethod.GET, "/api/version", ALL),
      rule(HttpMethod.POST, "/api/pull", ADMIN),
      rule(HttpMethod.DELETE, "/api/delete", ADMIN));

  private AccessTable() {
  }

  /** Every rule, in the order of the README's table. */
  public static List<AccessRule> rules() {
    return RULES;
  }

  /** The rule for this request, or empty when none admits it (the request is refused). */
  public static Optional<AccessRule> find(HttpMethod method, String path) {
    return RULES.stream().filter(r -> r.method().equals(method) && r.matchesPath(path)).findFirst();
  }

  /** The methods the table admits on {@code path}, for an {@code Allow} header; empty when it knows no such path. */
  public static String methodsOf(String path) {
    return RULES.stream().filter(r -> r.matchesPath(path)).map(r -> r.method().name()).distinct().sorted()
        .collect(Collectors.joining(", "));
  }

  /** The README table: one row per rule with its method, path, roles and how a token may come. */
  public static String markdownTable() {
    StringBuilder table = new StringBuilder()
        .append("| Method | Path | Roles | Token |\n")
        .append("|---|---|---|---|\n");
    for (AccessRule rule : RULES) {
      table.append("| ").append(rule.method().name()).append(" | `").append(rule.pattern()).append("` | ")
          .append(roles(rule)).append(" | ").append(tokenColumn(rule)).append(" |\n");
    }
    return table.toString();
  }

  private static String roles(AccessRule rule) {
    if (rule.publicity() == Publicity.ALWAYS) {
      return "public";
    }
    String names = Arrays.stream(Role.values()).filter(rule.roles()::contains).map(Role::wireName)
        .collect(Collectors.joining(", "));
    return rule.publicity() == Publicity.WHEN_METRICS_PUBLIC ? names + "; public when `metrics.public` is true"
        : names;
  }

  private static String tokenColumn(AccessRule rule) {
    List<String> ways = new ArrayList<>();
    if (rule.publicity() == Publicity.ALWAYS) {
      return "none";
    }
    ways.add("`Authorization: Bearer`");
    if (rule.tokenInQuery()) {
      ways.add("`?access_token=`");
    }
    return String.join(" or ", ways);
  }

  private static AccessRule rule(HttpMethod method, String pattern, Set<Role> roles) {
    return new AccessRule(method, pattern, roles, Publicity.NEVER, false);
  }

  private static AccessRule publicRule(HttpMethod method, String pattern) {
    return new AccessRule(method, pattern, Set.of(), Publicity.ALWAYS, false);
  }
}
