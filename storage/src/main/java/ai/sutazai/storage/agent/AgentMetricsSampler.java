package ai.sutazai.storage.agent;

import ai.sutazai.storage.pg.ResilientPostgres;
import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code agents.metrics_interval_ms} asks the agent supervisor for every agent's status ({@link
 * AgentAddresses#LIST}) and stores each agent's in-flight, completed and failed counts and whether it runs in
 * {@code agent_metrics}, in one statement. Without a supervisor (agents not deployed) or while PostgreSQL is down the
 * sample is skipped; a sample still running when the next is due makes that one skip too.
 */
public final class AgentMetricsSampler {

  private static final Logger LOG = LoggerFactory.getLogger(AgentMetricsSampler.class);
  private static final long LIST_TIMEOUT_MS = 5_000;

  private final Vertx vertx;
  private final ResilientPostgres postgres;
  private final long intervalMs;
  private long timer = -1;
  private boolean sampling;

  /** @param intervalMs the time between samples; 0 samples nothing */
  public AgentMetricsSampler(Vertx vertx, ResilientPostgres postgres, long intervalMs) {
    this.vertx = vertx;
    this.postgres = postgres;
    this.intervalMs = intervalMs;
  }

  /** Starts sampling, unless the interval is 0. */
  public void start() {
    if (intervalMs > 0) {
      timer = vertx.setPeriodic(intervalMs, id -> {
        if (!sampling) {
          sampling = true;
          sample().onComplete(done -> sampling = false);
        }
      });
    }
  }

  /** Stops sampling; a sample under way still completes. */
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** Takes one sample now; answers the number of rows stored (0 when it was skipped). */
  public Future<Integer> sample() {
    return vertx.eventBus().<JsonObject>request(AgentAddresses.LIST, new JsonObject(),
        new DeliveryOptions().setSendTimeout(LIST_TIMEOUT_MS))
      .compose(reply -> store(reply.body()))
      .recover(this::skipped);
  }

  private Future<Integer> store(JsonObject list) {
    JsonArray agents = list == null ? null : list.getJsonArray("agents");
    if (agents == null) {
      return Future.failedFuture(new IllegalStateException(AgentAddresses.LIST + " replied without \"agents\""));
    }
    List<AgentMetricValue> values = new ArrayList<>();
    for (Object agent : agents) {
      if (agent instanceof JsonObject status) {
        values.addAll(AgentMetricValue.of(status));
      }
    }
    return postgres.call(pool -> new AgentMetricsRepository(pool).append(values));
  }

  private Future<Integer> skipped(Throwable failure) {
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      LOG.debug("agent metrics: no agent supervisor answers at {}; sample skipped", AgentAddresses.LIST);
    } else if (!postgres.isUp()) {
      // ResilientPostgres logs when PostgreSQL goes away and when it is back.
      LOG.debug("agent metrics: sample skipped while PostgreSQL is down: {}", Problem.of(failure).detail());
    } else {
      LOG.warn("agent metrics: sample failed: {}", Problem.of(failure).detail(), failure);
    }
    return Future.succeededFuture(0);
  }
}
