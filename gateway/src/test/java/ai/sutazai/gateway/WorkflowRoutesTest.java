package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.auth.Role;
import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.gateway.testing.TestTokens;
import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /api/v1/workflows}: starting a workflow for the caller and reading it. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkflowRoutesTest {

  private static final String WORKFLOWS = "/api/v1/workflows";

  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  /** Verifies that a workflow starts for the caller with its priority and is answered 202 with its Location. */
  @Test
  void startsAWorkflow() throws Exception {
    HttpResult result = gateway.postJson(WORKFLOWS, new JsonObject().put("goal", "Ship the release").put("priority", 8));

    assertThat(result.status()).isEqualTo(202);
    String id = result.json().getString("id");
    assertThat(result.json()).isEqualTo(new JsonObject().put("id", id).put("status", "planning"));
    assertThat(result.header("Location")).isEqualTo(WORKFLOWS + "/" + id);
    assertThat(gateway.agents().calls(AgentAddresses.WORKFLOW_START)).containsExactly(new JsonObject()
        .put("owner", TestTokens.DEFAULT_SUBJECT).put("goal", "Ship the release").put("priority", 8));
    gateway.storage().callsReceived(StorageAddresses.AUDIT_APPEND, 1)
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(gateway.storage().auditRows()).singleElement()
        .satisfies(row -> assertThat(row.getString("action") + " " + row.getString("target"))
            .isEqualTo("workflow.create " + id));
  }

  /** Verifies that a blank goal or a priority out of range answers 400 naming the field, unasked. */
  @Test
  void refusesBadWorkflows() throws Exception {
    assertThat(gateway.postJson(WORKFLOWS, new JsonObject().put("goal", "  ")).json().getString("detail"))
        .contains("/goal must be a goal of 1 to 20000 characters that is not blank");
    assertThat(gateway.postJson(WORKFLOWS, new JsonObject().put("goal", "g").put("priority", 11)).json()
        .getString("detail")).contains("/priority must be at most 10, got 11");
    assertThat(gateway.agents().calls(AgentAddresses.WORKFLOW_START)).isEmpty();
  }

  /** Verifies that a workflow is read for the caller, the runtime's 404 is answered, and viewers may not start one. */
  @Test
  void readsTheCallersWorkflow() throws Exception {
    String id = UUID.randomUUID().toString();

    HttpResult result = gateway.get(WORKFLOWS + "/" + id);
    gateway.agents().failing(AgentAddresses.WORKFLOW_GET,
        ProblemType.NOT_FOUND.problem("workflow " + id + " does not exist").toJson());
    HttpResult missing = gateway.get(WORKFLOWS + "/" + id);
    MultiMap viewer = MultiMap.caseInsensitiveMultiMap().set("Content-Type", "application/json")
        .set("Authorization", TestTokens.bearer(gateway.tokens().of("vera", Role.VIEWER)));
    HttpResult refused = gateway.send(HttpMethod.POST, WORKFLOWS, viewer, new JsonObject().put("goal", "g").encode())
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json().getString("id")).isEqualTo(id);
    assertThat(gateway.agents().calls(AgentAddresses.WORKFLOW_GET).get(0))
        .isEqualTo(new JsonObject().put("id", id).put("owner", TestTokens.DEFAULT_SUBJECT));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(refused.status()).isEqualTo(403);
  }
}
