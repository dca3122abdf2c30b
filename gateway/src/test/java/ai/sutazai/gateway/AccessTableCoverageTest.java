package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.auth.AccessTable;
import ai.sutazai.gateway.testing.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Holds the routes the gateway mounts against the access table, so that no route goes without a rule. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccessTableCoverageTest {

  /** Verifies that every method and path the router serves has exactly the rule of that method and pattern. */
  @Test
  void everyMountedRouteIsInTheTable(Vertx vertx) throws Exception {
    TestGateway gateway = TestGateway.start(vertx);
    List<String> mounted = new ArrayList<>();
    for (Route route : gateway.verticle().router().getRoutes()) {
      if (route.methods() == null || route.methods().isEmpty()) {
        continue;
      }
      String pattern = tablePattern(route);
      for (HttpMethod method : route.methods()) {
        mounted.add(method.name() + " " + pattern);
      }
    }
    List<String> inTable = AccessTable.rules().stream().map(r -> r.method().name() + " " + r.pattern()).toList();

    assertThat(mounted).isNotEmpty().allSatisfy(route -> assertThat(inTable).contains(route));
    assertThat(inTable).as("rules of routes that are not mounted (GET /api/v1/audit comes with the audit log)")
        .allSatisfy(rule -> assertThat(mounted.contains(rule) || rule.equals("GET /api/v1/audit")).isTrue());
    gateway.closeClients();
  }

  /** The table's form of a route: {@code :id} becomes {@code {id}}, a regex {@code (?<name>.+)} {@code {name...}}. */
  private static String tablePattern(Route route) {
    if (route.getPath() != null) {
      return route.getPath().replaceAll(":([A-Za-z_]+)", "{$1}");
    }
    return route.getName().replaceAll("\\(\\?<([A-Za-z_]+)>\\.\\+\\)", "{$1...}");
  }
}
