package ai.sutazai.launcher.bench;

import ai.sutazai.storage.broker.RabbitFixture;
import ai.sutazai.storage.broker.TaskTopology;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One SutazAI process under the agent benchmark, on the embedded task bus or over RabbitMQ, running the agents
 * of its own {@link BenchCatalogue}, with the task socket that times its tasks. Closing it stops the process and,
 * over RabbitMQ, deletes the queues of every agent the catalogue held (the broker is shared and its queues are
 * durable).
 */
final class AgentPlatform implements AutoCloseable {

  static final String RABBITMQ_URL = "amqp://guest:guest@" + RabbitFixture.HOST + ":" + RabbitFixture.PORT;

  final String transport;
  final BenchCatalogue catalogue;
  final SutazaiUnderTest sutazai;
  final TaskWatch watch;
  final TaskLoad load;
  private final Vertx vertx;
  private final StreamProbe probe;
  private final boolean overRabbit;

  private AgentPlatform(String transport, BenchCatalogue catalogue, SutazaiUnderTest sutazai, TaskWatch watch,
      Vertx vertx, StreamProbe probe, boolean overRabbit) {
    this.transport = transport;
    this.catalogue = catalogue;
    this.sutazai = sutazai;
    this.watch = watch;
    this.load = new TaskLoad(probe, sutazai.port, watch);
    this.vertx = vertx;
    this.probe = probe;
    this.overRabbit = overRabbit;
  }

  /**
   * Writes {@code catalogue}, starts SutazAI on it (over RabbitMQ when {@code overRabbit}) with {@code env}
   * besides, opens the task socket and waits until every agent of the catalogue runs.
   */
  static AgentPlatform start(Path jar, BenchCatalogue catalogue, boolean overRabbit, Map<String, String> env,
      Vertx vertx, WebSocketClient webSockets, StreamProbe probe) throws Exception {
    catalogue.write();
    Map<String, String> all = new HashMap<>(env);
    all.put("SUTAZAI_AGENTS_FILE", catalogue.file().toString());
    if (overRabbit) {
      all.put("SUTAZAI_RABBITMQ_URL", RABBITMQ_URL);
    }
    SutazaiUnderTest sutazai = SutazaiUnderTest.start(jar, all);
    try {
      TaskWatch watch = TaskWatch.open(vertx, webSockets, sutazai.port, catalogue.prefix()).await();
      AgentPlatform platform = new AgentPlatform(overRabbit ? "RabbitMQ" : "embedded", catalogue, sutazai, watch,
          vertx, probe, overRabbit);
      for (String id : catalogue.ids()) {
        platform.awaitRunning(id);
      }
      return platform;
    } catch (Exception | Error e) {
      sutazai.close();
      throw e;
    }
  }

  int port() {
    return sutazai.port;
  }

  /** The agent's status as the supervisor reports it, or null while it is not in the catalogue in force. */
  JsonObject agent(String id) {
    StreamProbe.Answer answer = probe.get(port(), "/api/v1/agents/" + id).await();
    if (answer.status() == 404) {
      return null;
    }
    if (answer.status() != 200) {
      throw new IllegalStateException("agent " + id + " answered " + answer.status() + ": " + answer.body());
    }
    return answer.body().toJsonObject();
  }

  void awaitRunning(String id) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonObject agent;
    while ((agent = agent(id)) == null || !agent.getString("status").equals("running")) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("agent " + id + " did not run within 60 s: " + agent);
      }
      vertx.timer(10).await();
    }
  }

  /** Submits one task of {@code type} and answers its id. */
  String submit(String type, JsonObject payload) {
    StreamProbe.Answer answer = probe.post(port(), "/api/v1/tasks",
        new JsonObject().put("type", type).put("payload", payload)).await();
    if (answer.status() != 202) {
      throw new IllegalStateException("a task of " + type + " was answered " + answer.status() + ": "
          + answer.body());
    }
    return answer.body().toJsonObject().getString("id");
  }

  void checkExactlyOnce(List<String> taskIds) {
    ExactlyOnce.check(probe, port(), watch, taskIds);
  }

  @Override
  public void close() throws Exception {
    try {
      watch.close().await();
    } finally {
      sutazai.close();
      if (overRabbit) {
        deleteQueues();
      }
    }
  }

  private void deleteQueues() throws Exception {
    try (Connection connection = RabbitFixture.rawConnection()) {
      Channel channel = connection.createChannel();
      for (String id : catalogue.ids()) {
        channel.queueDelete(TaskTopology.queueOf(id));
      }
    }
  }
}
