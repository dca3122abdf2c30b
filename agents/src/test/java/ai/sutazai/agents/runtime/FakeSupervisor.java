package ai.sutazai.agents.runtime;

import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.agents.AgentDefinition;
import ai.sutazai.verticles.bus.BusMessages;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The supervisor's LIST and ROUTE over a fixed set of running agents: a type goes to the first agent taking it. */
public final class FakeSupervisor {

  private FakeSupervisor() {
  }

  public static void serving(Vertx vertx, List<AgentDefinition> running) throws Exception {
    Future.all(
        vertx.eventBus().<JsonObject>consumer(AgentAddresses.LIST, message -> {
          JsonArray agents = new JsonArray();
          running.forEach(agent -> agents.add(new JsonObject().put("id", agent.id()).put("status", "running")
              .put("definition", agent.toJson())));
          message.reply(new JsonObject().put("agents", agents));
        }).completion(),
        vertx.eventBus().<JsonObject>consumer(AgentAddresses.ROUTE, message -> {
          String type = message.body().getString("type");
          running.stream().filter(agent -> agent.can(type)).findFirst().ifPresentOrElse(
              agent -> message.reply(new JsonObject().put("agent", agent.id()).put("type", agent.type().id())),
              () -> BusMessages.fail(message, new Problem(ProblemType.INVALID_REQUEST.uri(), "Unprocessable", 422,
                  "no agent takes tasks of type " + type)));
        }).completion())
        .await(10, TimeUnit.SECONDS);
  }
}
