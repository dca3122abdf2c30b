package ai.sutazai.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The table of routes and roles: pattern matching, lookups, and the roles the issue asks for. */
class AccessTableTest {

  /** Verifies that {id} stands for one non-empty segment and {name...} for the rest of the path. */
  @Test
  void matchesPatterns() {
    AccessRule one = AccessTable.find(HttpMethod.GET, "/api/v1/conversations/abc").orElseThrow();
    assertThat(one.pattern()).isEqualTo("/api/v1/conversations/{id}");
    assertThat(AccessTable.find(HttpMethod.GET, "/api/v1/conversations/")).isEmpty();
    assertThat(AccessTable.find(HttpMethod.GET, "/api/v1/conversations/a/b")).isEmpty();
    assertThat(AccessTable.find(HttpMethod.DELETE, "/api/v1/models/library/llama3:8b").orElseThrow().pattern())
        .isEqualTo("/api/v1/models/{name...}");
    assertThat(AccessTable.find(HttpMethod.DELETE, "/api/v1/models/")).isEmpty();
    assertThat(AccessTable.find(HttpMethod.PUT, "/api/v1/chat")).isEmpty();
    assertThat(AccessTable.find(HttpMethod.GET, "/nowhere")).isEmpty();
  }

  /** Verifies the roles of a few routes of each kind, and that only probes are always public. */
  @Test
  void admitsTheRolesOfTheIssue() {
    assertThat(roles(HttpMethod.POST, "/api/v1/chat")).isEqualTo(EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.USER));
    assertThat(roles(HttpMethod.GET, "/v1/models")).isEqualTo(EnumSet.allOf(Role.class));
    assertThat(roles(HttpMethod.GET, "/api/v1/system/status"))
        .isEqualTo(EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.VIEWER));
    assertThat(roles(HttpMethod.POST, "/api/pull")).isEqualTo(EnumSet.of(Role.ADMIN));
    assertThat(roles(HttpMethod.DELETE, "/api/v1/keys/x")).isEqualTo(EnumSet.of(Role.ADMIN));
    assertThat(AccessTable.rules()).filteredOn(rule -> rule.isPublic(false))
        .extracting(AccessRule::pattern).containsOnly("/api/v1/system/health", "/api/v1/system/ready");
    AccessRule metrics = AccessTable.find(HttpMethod.GET, "/metrics").orElseThrow();
    assertThat(metrics.isPublic(false)).isFalse();
    assertThat(metrics.isPublic(true)).isTrue();
    assertThat(AccessTable.rules()).filteredOn(AccessRule::tokenInQuery).extracting(AccessRule::pattern)
        .containsExactly("/ws/chat");
  }

  /** Verifies that the Allow list names the methods the table admits on a path. */
  @Test
  void namesTheMethodsOfAPath() {
    assertThat(AccessTable.methodsOf("/api/v1/conversations/abc")).isEqualTo("DELETE, GET, PATCH");
    assertThat(AccessTable.methodsOf("/nowhere")).isEmpty();
  }

  /** Verifies that the README table has one row per rule. */
  @Test
  void rendersOneRowPerRule() {
    String table = AccessTable.markdownTable();
    assertThat(table.lines().count()).isEqualTo(AccessTable.rules().size() + 2);
    assertThat(table).contains("| GET | `/ws/chat` | admin, operator, user | `Authorization: Bearer` or "
        + "`?access_token=` |");
  }

  private static EnumSet<Role> roles(HttpMethod method, String path) {
    return EnumSet.copyOf(AccessTable.find(method, path).orElseThrow().roles());
  }
}
