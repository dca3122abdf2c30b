package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code GET /api/v1/audit} and the audit rows the gateway's own mutating routes leave. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuditRoutesTest {

  private static final String AUDIT = "/api/v1/audit";

  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  /** Verifies that deleting and renaming a conversation through the gateway each leave one row, as the local admin. */
  @Test
  void conversationChangesLeaveOneRowEach() throws Exception {
    String id = gateway.storage().seed("local", "old title",
        new JsonObject().put("role", "user").put("content", "hi"));

    gateway.patchJson("/api/v1/conversations/" + id, new JsonObject().put("title", "new title"));
    HttpResult deleted = gateway.delete("/api/v1/conversations/" + id);

    gateway.storage().callsReceived(StorageAddresses.AUDIT_APPEND, 2).await(20, TimeUnit.SECONDS);
    List<JsonObject> rows = gateway.storage().auditRows();
    assertThat(rows).extracting(row -> row.getString("action"))
        .containsExactly("conversation.rename", "conversation.delete");
    assertThat(rows).allSatisfy(row -> {
      assertThat(row.getString("subject")).isEqualTo("local");
      assertThat(row.getString("role")).isEqualTo("admin");
      assertThat(row.getString("target")).isEqualTo(id);
      assertThat(row.getString("outcome")).isEqualTo("success");
    });
    assertThat(rows.get(1).getString("request_id")).isEqualTo(deleted.header("X-Request-ID"));
  }

  /** Verifies that the filters reach storage checked, and that pages are walked with the cursor. */
  @Test
  void filtersAndPagesThroughStorage() throws Exception {
    String conversation = UUID.randomUUID().toString();
    for (int i = 0; i < 3; i++) {
      gateway.delete("/api/v1/conversations/" + conversation);
    }
    gateway.storage().callsReceived(StorageAddresses.AUDIT_APPEND, 3).await(20, TimeUnit.SECONDS);

    HttpResult first = gateway.get(AUDIT + "?subject=local&action=conversation.delete&outcome=failure&limit=2"
        + "&since=2025-01-01T00:00:00Z&until=2999-01-01T00:00:00%2B01:00");
    String cursor = first.json().getString("next_cursor");
    HttpResult last = gateway.get(AUDIT + "?subject=local&action=conversation.delete&outcome=failure&limit=2"
        + "&cursor=" + cursor);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().getJsonArray("entries")).hasSize(2);
    assertThat(last.json().getJsonArray("entries")).hasSize(1);
    assertThat(last.json().getValue("next_cursor")).isNull();
    assertThat(gateway.storage().calls(StorageAddresses.AUDIT_LIST).get(0)).isEqualTo(new JsonObject()
        .put("subject", "local").put("action", "conversation.delete").put("outcome", "failure")
        .put("since", "2025-01-01T00:00:00Z").put("until", "2999-01-01T00:00:00+01:00").put("limit", 2));
    assertThat(gateway.storage().calls(StorageAddresses.AUDIT_LIST).get(1).getString("cursor")).isEqualTo(cursor);
  }

  static Stream<Arguments> badQueries() {
    return Stream.of(
        arguments("?limit=0", "query parameter limit must be a whole number from 1 to 200"),
        arguments("?limit=201", "query parameter limit must be a whole number from 1 to 200"),
        arguments("?limit=ten", "query parameter limit must be a whole number from 1 to 200"),
        arguments("?outcome=ok", "query parameter outcome must be one of success, denied, failure"),
        arguments("?action=DROP%20TABLE", "query parameter action must be an action name"),
        arguments("?since=yesterday", "query parameter since must be an ISO-8601 time"),
        arguments("?until=2025-01-01", "query parameter until must be an ISO-8601 time"),
        arguments("?since=2025-02-01T00:00:00Z&until=2025-01-01T00:00:00Z", "query parameter since must be before"),
        arguments("?cursor=not%20a%20cursor", "query parameter cursor must be the next_cursor of a previous page"),
        arguments("?subject=", "query parameter subject must be 1..200 characters"),
        arguments("?subject=a&subject=b", "query parameter subject must be given at most once"),
        arguments("?who=alice", "query parameter who is not known"));
  }

  /** Verifies that each malformed query parameter is answered 400 naming it, before storage is asked. */
  @ParameterizedTest
  @MethodSource("badQueries")
  void rejectsMalformedQueryParameters(String query, String detail) throws Exception {
    HttpResult result = gateway.get(AUDIT + query);

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(result.json().getString("type")).isEqualTo(ProblemType.INVALID_REQUEST.uri());
    assertThat(result.json().getString("detail")).startsWith(detail);
    assertThat(gateway.storage().calls(StorageAddresses.AUDIT_LIST)).isEmpty();
  }

  /** Verifies that the audit log answers 503 problem+json while storage cannot reach PostgreSQL. */
  @Test
  void answers503WhileStorageIsDown() throws Exception {
    gateway.storage().postgresDown("connection refused");

    HttpResult result = gateway.get(AUDIT);

    assertThat(result.status()).isEqualTo(503);
    assertThat(result.json().getString("type")).isEqualTo(ProblemType.STORAGE_UNAVAILABLE.uri());
  }
}
