package ai.sutazai.agents.backend;

import static ai.sutazai.agents.backend.BackendAgents.developer;
import static ai.sutazai.agents.backend.BackendAgents.failureOf;
import static ai.sutazai.agents.backend.BackendAgents.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.agents.model.ChatMessage;
import ai.sutazai.agents.model.ModelCall;
import ai.sutazai.agents.model.ScriptedModel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The capabilities without logic of their own, and the model's own failures. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OtherCapabilitiesTest {

  /** Verifies that an optimization task goes to the model with the system prompt and the payload, once. */
  @Test
  void otherCapabilitiesAskTheModel() throws Exception {
    ScriptedModel model = ScriptedModel.answering("add an index on orders(customer_id)");
    JsonObject payload = new JsonObject().put("query", "SELECT * FROM orders WHERE customer_id = $1");

    JsonObject result = resultOf(developer(model).handle("database_optimization", payload));

    assertThat(result).isEqualTo(new JsonObject().put("answer", "add an index on orders(customer_id)"));
    assertThat(model.calls()).hasSize(1);
    assertThat(model.calls().get(0).get(0)).isEqualTo(ChatMessage.system(BackendAgents.SYSTEM_PROMPT));
    assertThat(model.lastMessageOf(0)).contains("database_optimization", "customer_id = $1");
  }

  /** Verifies that a failing model call fails the task with the model's own error, without a retry. */
  @Test
  void aFailedModelCallFailsTheTask() {
    IllegalStateException unreachable = new IllegalStateException("ollama unreachable");
    int[] calls = {0};
    ModelCall failing = messages -> {
      calls[0]++;
      return Future.failedFuture(unreachable);
    };

    Throwable failure = failureOf(developer(failing).handle("api_design",
        new JsonObject().put("requirements", "orders")));

    assertThat(failure).isSameAs(unreachable);
    assertThat(calls[0]).isEqualTo(1);
  }

  /** Verifies that an api_design payload with a field the task does not know is refused. */
  @Test
  void apiDesignRefusesUnknownFields() {
    ScriptedModel model = ScriptedModel.answering();

    Throwable failure = failureOf(developer(model).handle("api_design",
        new JsonObject().put("requirements", "orders").put("format", "yaml")));

    assertThat(failure.getMessage()).isEqualTo(
        "api_design payload has unknown field(s) [format]; known fields are [context, requirements, title, version]");
    assertThat(model.calls()).isEmpty();
  }
}
