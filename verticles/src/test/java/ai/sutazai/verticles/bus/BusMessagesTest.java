package ai.sutazai.verticles.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Failing event-bus replies with problems. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BusMessagesTest {

  /** Verifies that a problem's extension members cross the event bus and are read back beside the problem. */
  @Test
  void problemExtensionsCrossTheBus(Vertx vertx) {
    JsonObject extensions = new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("agent", "a")));
    Problem problem = ProblemType.INVALID_AGENT_CATALOGUE.problem("the agent is not valid");
    vertx.eventBus().consumer("test.problems", message -> BusMessages.fail(message,
        new ProblemException(problem, extensions))).completion().await();

    assertThatThrownBy(() -> vertx.eventBus().request("test.problems", new JsonObject()).await())
        .satisfies(failure -> {
          assertThat(Problem.of(failure)).isEqualTo(problem);
          assertThat(Problem.extensions(failure)).isEqualTo(extensions);
        });
    assertThat(Problem.extensions(problem.asReplyException())).isEqualTo(new JsonObject());
  }
}
