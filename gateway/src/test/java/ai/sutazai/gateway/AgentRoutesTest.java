package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.auth.Role;
import ai.sutazai.gateway.testing.FakeAgents;
import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /api/v1/agents}: the supervisor's agents read by everyone, changed by admins and operators. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentRoutesTest {

  private static final String AGENTS = "/api/v1/agents";

  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  private static JsonObject agent(String id) {
    return new JsonObject().put("id", id).put("name", "code-reviewer").put("type", "development")
        .put("capabilities", new JsonArray().add("code_review")).put("system_prompt", "You review code.");
  }

  private HttpResult as(Role role, HttpMethod method, String path, JsonObject body) throws Exception {
    return gateway.sendAs("someone", role, method, path, body);
  }

  private static void assertProblem(HttpResult result, int status, String detail) {
    assertThat(result.status()).isEqualTo(status);
    assertThat(result.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(result.json().getString("detail")).contains(detail);
  }

  private List<String> auditedActions(int count) throws Exception {
    gateway.storage().callsReceived(StorageAddresses.AUDIT_APPEND, count)
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    return gateway.storage().auditRows().stream()
        .map(r -> r.getString("action") + " " + r.getString("target") + " " + r.getString("outcome")).toList();
  }

  /** Verifies that the list and one agent are the supervisor's replies, for a viewer too. */
  @Test
  void readsAgentsForEveryRole() throws Exception {
    HttpResult list = as(Role.VIEWER, HttpMethod.GET, AGENTS, null);
    HttpResult one = as(Role.USER, HttpMethod.GET, AGENTS + "/ag-001", null);

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json()).isEqualTo(new JsonObject().put("agents", new JsonArray().add(FakeAgents.status("ag-001"))));
    assertThat(one.json()).isEqualTo(FakeAgents.status("ag-001"));
    assertThat(gateway.agents().calls(AgentAddresses.LIST)).containsExactly(new JsonObject());
    assertThat(gateway.agents().calls(AgentAddresses.GET)).containsExactly(new JsonObject().put("id", "ag-001"));
  }

  /** Verifies that a new agent goes to the supervisor as it came and is answered 201 with its Location. */
  @Test
  void createsAnAgent() throws Exception {
    HttpResult result = gateway.postJson(AGENTS, agent("ag-009"));

    assertThat(result.status()).isEqualTo(201);
    assertThat(result.header("Location")).isEqualTo(AGENTS + "/ag-009");
    assertThat(result.json()).isEqualTo(FakeAgents.status("ag-009"));
    assertThat(gateway.agents().calls(AgentAddresses.CREATE))
        .containsExactly(new JsonObject().put("agent", agent("ag-009")));
    assertThat(auditedActions(1)).containsExactly("agent.create ag-009 success");
  }

  /** Verifies that an agent body breaking the catalogue's schema answers 400 naming the field, unasked. */
  @Test
  void refusesAgentsTheCatalogueWouldRefuse() throws Exception {
    assertProblem(gateway.postJson(AGENTS, agent("ag-009").put("type", "poet")), 400,
        "/type must be one of orchestration, development, ai_ml");
    assertProblem(gateway.postJson(AGENTS, agent("ag-009").put("instances", 0)), 400, "/instances must be at least 1");
    JsonObject nameless = agent("ag-009");
    nameless.remove("name");
    assertProblem(gateway.postJson(AGENTS, nameless), 400, "/name is required");
    assertProblem(gateway.postJson(AGENTS, agent("ag-009").put("colour", "red")), 400, "/colour is not a known field");
    assertThat(gateway.agents().calls(AgentAddresses.CREATE)).isEmpty();
  }

  /** Verifies that the supervisor's 409 and its 422 with the errors extension reach the client as they came. */
  @Test
  void passesTheSupervisorsProblemsOnWithTheirErrors() throws Exception {
    JsonArray errors = new JsonArray().add(new JsonObject().put("agent", "ag-009").put("pointer", "/agents/3/name")
        .put("message", "the name code-reviewer is taken by ag-001"));
    gateway.agents().failing(AgentAddresses.CREATE, FakeAgents.unprocessable("the catalogue would be invalid")
        .toJson().put("errors", errors));
    gateway.agents().failing(AgentAddresses.REDEPLOY, new JsonObject().put("type", "urn:sutazai:problem:conflict")
        .put("title", "Conflict").put("status", 409).put("detail", "ag-001 is already being redeployed"));

    HttpResult invalid = gateway.postJson(AGENTS, agent("ag-009"));
    HttpResult busy = gateway.postJson(AGENTS + "/ag-001/redeploy", new JsonObject());

    assertProblem(invalid, 422, "the catalogue would be invalid");
    assertThat(invalid.json().getJsonArray("errors")).isEqualTo(errors);
    assertThat(invalid.json().getString("request_id")).isEqualTo(invalid.header("X-Request-ID"));
    assertThat(invalid.json().getString("instance")).isEqualTo(AGENTS);
    assertProblem(busy, 409, "already being redeployed");
    assertThat(auditedActions(2)).containsExactlyInAnyOrder("agent.create ag-009 failure",
        "agent.redeploy ag-001 failure");
  }

  /** Verifies that an update takes the path's id when the body has none, and is checked as a whole agent. */
  @Test
  void updatesAnAgent() throws Exception {
    JsonObject idless = agent("ag-001");
    idless.remove("id");

    HttpResult result = gateway.putJson(AGENTS + "/ag-001", idless);
    HttpResult broken = gateway.putJson(AGENTS + "/ag-001", idless.copy().put("capabilities", new JsonArray()));
    HttpResult badId = gateway.putJson(AGENTS + "/ag-001", idless.copy().put("id", "AG 1"));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json()).isEqualTo(FakeAgents.status("ag-001"));
    assertThat(gateway.agents().calls(AgentAddresses.UPDATE))
        .containsExactly(new JsonObject().put("id", "ag-001").put("agent", idless));
    assertProblem(broken, 400, "/capabilities must not be empty");
    assertProblem(badId, 400, "/id must be an id of lowercase letters");
  }

  /** Verifies delete (204), redeploy (the status) and reload (what changed), each audited. */
  @Test
  void deletesRedeploysAndReloads() throws Exception {
    HttpResult deleted = gateway.delete(AGENTS + "/ag-001");
    HttpResult redeployed = gateway.send(HttpMethod.POST, AGENTS + "/ag-001/redeploy", null, null)
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    HttpResult reloaded = gateway.send(HttpMethod.POST, AGENTS + "/reload", null, null)
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(redeployed.json()).isEqualTo(FakeAgents.status("ag-001"));
    assertThat(reloaded.json()).isEqualTo(new JsonObject().put("added", new JsonArray()).put("removed", new JsonArray())
        .put("changed", new JsonArray().add("ag-001")));
    assertThat(gateway.agents().calls(AgentAddresses.DELETE)).containsExactly(new JsonObject().put("id", "ag-001"));
    assertThat(gateway.agents().calls(AgentAddresses.REDEPLOY)).containsExactly(new JsonObject().put("id", "ag-001"));
    assertThat(gateway.agents().calls(AgentAddresses.RELOAD)).containsExactly(new JsonObject());
    assertThat(auditedActions(3)).containsExactlyInAnyOrder("agent.delete ag-001 success",
        "agent.redeploy ag-001 success", "agent.reload null success");
  }

  /** Verifies that users and viewers may not change agents, and operators may. */
  @Test
  void onlyAdminsAndOperatorsChangeAgents() throws Exception {
    assertProblem(as(Role.USER, HttpMethod.POST, AGENTS, agent("ag-009")), 403, "user");
    assertProblem(as(Role.VIEWER, HttpMethod.DELETE, AGENTS + "/ag-001", null), 403, "viewer");
    assertProblem(as(Role.USER, HttpMethod.POST, AGENTS + "/reload", null), 403, "user");
    assertThat(as(Role.OPERATOR, HttpMethod.POST, AGENTS + "/reload", null).status()).isEqualTo(200);
    assertThat(as(Role.OPERATOR, HttpMethod.PUT, AGENTS + "/ag-001", agent("ag-001")).status()).isEqualTo(200);
    assertThat(gateway.agents().calls(AgentAddresses.CREATE)).isEmpty();
  }

  /** Verifies that without the agent runtime the routes answer 503 saying so. */
  @Test
  void saysWhenTheAgentRuntimeIsNotRunning(Vertx vertx) throws Exception {
    TestGateway alone = TestGateway.start(vertx);
    gateway.agents().stop().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    alone.agents().stop().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    assertProblem(alone.get(AGENTS), 503, "the agent runtime is not running");
    alone.closeClients();
  }
}
