package ai.sutazai.storage.agent;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/** Appends samples to PostgreSQL's {@code agent_metrics}: one row per agent and metric, all of a sample at once. */
public final class AgentMetricsRepository {

  /** Every row of a sample in one statement, from three parallel arrays, with the statement's time. */
  private static final String INSERT = """
    INSERT INTO agent_metrics (agent_id, metric_name, metric_value, timestamp)
    SELECT agent_id, metric_name, metric_value, now()
    FROM unnest($1::text[], $2::text[], $3::float8[]) AS sample (agent_id, metric_name, metric_value)""";

  private final Pool pool;

  public AgentMetricsRepository(Pool pool) {
    this.pool = pool;
  }

  /** Stores {@code values} as one sample; answers the number of rows written. */
  public Future<Integer> append(List<AgentMetricValue> values) {
    if (values.isEmpty()) {
      return Future.succeededFuture(0);
    }
    String[] agents = values.stream().map(AgentMetricValue::agent).toArray(String[]::new);
    String[] metrics = values.stream().map(AgentMetricValue::metric).toArray(String[]::new);
    Double[] numbers = values.stream().map(AgentMetricValue::value).toArray(Double[]::new);
    return pool.preparedQuery(INSERT).execute(Tuple.of(agents, metrics, numbers)).map(rows -> rows.rowCount());
  }
}
