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
        .containsExactly("/ws/chat", "/api/v1/tasks/{id}/events", "/ws/agents");
  }

  /** Verifies that everyone reads agents and their own tasks, only admins and operators change agents, viewers create nothing. */
  @Test
  void admitsTheRolesOfTasksWorkflowsAndAgents() {
    EnumSet<Role> everyone = EnumSet.allOf(Role.class);
    EnumSet<Role> creators = EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.USER);
    EnumSet<Role> changers = EnumSet.of(Role.ADMIN, Role.OPERATOR);
    assertThat(roles(HttpMethod.POST, "/api/v1/tasks")).isEqualTo(creators);
    assertThat(roles(HttpMethod.GET, "/api/v1/tasks/t-1")).isEqualTo(everyone);
    assertThat(roles(HttpMethod.GET, "/api/v1/tasks/t-1/events")).isEqualTo(everyone);
    assertThat(roles(HttpMethod.DELETE, "/api/v1/tasks/t-1")).isEqualTo(creators);
    assertThat(roles(HttpMethod.POST, "/api/v1/workflows")).isEqualTo(creators);
    assertThat(roles(HttpMethod.GET, "/api/v1/workflows/w-1")).isEqualTo(everyone);
    assertThat(roles(HttpMethod.GET, "/api/v1/agents")).isEqualTo(everyone);
    assertThat(roles(HttpMethod.GET, "/api/v1/agents/ag-001")).isEqualTo(everyone);
    assertThat(roles(HttpMethod.POST, "/api/v1/agents")).isEqualTo(changers);
    assertThat(roles(HttpMethod.PUT, "/api/v1/agents/ag-001")).isEqualTo(changers);
    assertThat(roles(HttpMethod.DELETE, "/api/v1/agents/ag-001")).isEqualTo(changers);
    assertThat(roles(HttpMethod.POST, "/api/v1/agents/ag-001/redeploy")).isEqualTo(changers);
    assertThat(roles(HttpMethod.POST, "/api/v1/agents/reload")).isEqualTo(changers);
    assertThat(roles(HttpMethod.GET, "/ws/agents")).isEqualTo(everyone);
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
