package ai.sutazai.verticles.agents.supervisor;

import static ai.sutazai.verticles.agents.CatalogueTexts.agent;
import static ai.sutazai.verticles.agents.CatalogueTexts.catalogue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.verticles.agents.AgentCatalogue;
import ai.sutazai.verticles.problem.ProblemException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Which agent a new task goes to. */
class AgentRouterTest {

  private final AgentCatalogue catalogue = catalogue(
      agent("ag-030").put("type", "testing").put("capabilities", new JsonArray().add("code_review").add("unit_tests")),
      agent("ag-007").put("name", "senior-backend-developer")
          .put("capabilities", new JsonArray().add("code_review").add("api_design")));

  /** Verifies that a type goes to the first agent in id order that takes it, whatever the file's order. */
  @Test
  void typeGoesToTheFirstAgentInIdOrder() {
    assertThat(AgentRouter.route(catalogue, "code_review", null))
        .isEqualTo(new JsonObject().put("agent", "ag-007").put("type", "development"));
    assertThat(AgentRouter.route(catalogue, "unit_tests", null))
        .isEqualTo(new JsonObject().put("agent", "ag-030").put("type", "testing"));
  }

  /** Verifies that a named agent, by id or by name, gets the task when it takes the type. */
  @Test
  void namedAgentGetsTheTask() {
    assertThat(AgentRouter.route(catalogue, "code_review", "ag-030").getString("agent")).isEqualTo("ag-030");
    assertThat(AgentRouter.route(catalogue, "api_design", "senior-backend-developer").getString("agent"))
        .isEqualTo("ag-007");
  }

  /** Verifies the refusals: an unknown agent (404), a type the agent or no agent takes (422, with a hint). */
  @Test
  void refusalsNameTheTypeAndTheNearestCapability() {
    assertThatThrownBy(() -> AgentRouter.route(catalogue, "code_review", "ag-999"))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.problem().status()).isEqualTo(404);
          assertThat(e.problem().detail()).isEqualTo("no agent has the id or name ag-999");
        });
    assertThatThrownBy(() -> AgentRouter.route(catalogue, "unit_test", "ag-007"))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.problem().status()).isEqualTo(422);
          assertThat(e.problem().detail())
              .isEqualTo("agent ag-007 does not take tasks of type unit_test; it takes code_review, api_design");
        });
    assertThatThrownBy(() -> AgentRouter.route(catalogue, "review_code", null))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.problem().type()).isEqualTo("urn:sutazai:problem:unroutable-task");
          assertThat(e.problem().detail())
              .isEqualTo("no agent takes tasks of type review_code (did you mean code_review?)");
        });
    assertThatThrownBy(() -> AgentRouter.route(catalogue, "astrology", null))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().detail())
            .isEqualTo("no agent takes tasks of type astrology"));
  }
}
