package ai.sutazai.launcher.e2e;

import ai.sutazai.storage.broker.RabbitFixture;
import ai.sutazai.storage.broker.TaskTopology;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * A test's own agents file ({@code agents.file}) with agent ids unique to the run, so that on the machine's shared
 * RabbitMQ only this run's queues take its tasks. Closing deletes the queues of the ids handed out
 * ({@code agent.{id}.tasks}) and their bindings to the shared dead-letter queue, when the run used RabbitMQ.
 */
public final class TestAgents implements AutoCloseable {

  /** The machine's RabbitMQ as {@code rabbitmq.url}. */
  public static final String RABBITMQ_URL = "amqp://guest:guest@" + RabbitFixture.HOST + ":" + RabbitFixture.PORT;

  private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 6);
  private final Path file;
  private final boolean overRabbitMq;
  private final List<String> ids = new ArrayList<>();

  /**
   * @param file         the agents file to write
   * @param overRabbitMq whether the agents take their tasks from the machine's RabbitMQ (their queues are then
   *                     deleted on close)
   */
  public TestAgents(Path file, boolean overRabbitMq) {
    this.file = file.toAbsolutePath();
    this.overRabbitMq = overRabbitMq;
  }

  /** An agent id of this run, {@code it-{run}-{role}}; also usable as the agent's name. */
  public String id(String role) {
    String id = "it-" + run + "-" + role;
    ids.add(id);
    return id;
  }

  /** The agents file, absolute. */
  public Path file() {
    return file;
  }

  /**
   * A prompt agent of the {@code specialized} family named like its id, taking {@code capability}, one instance
   * holding {@code maxConcurrent} tasks, with a timeout of a minute.
   */
  public static JsonObject promptAgent(String id, String capability, String systemPrompt, int maxConcurrent) {
    return new JsonObject()
        .put("id", id)
        .put("name", id)
        .put("type", "specialized")
        .put("capabilities", new JsonArray().add(capability))
        .put("system_prompt", systemPrompt)
        .put("instances", 1)
        .put("max_concurrent_tasks", maxConcurrent)
        .put("timeout_seconds", 60);
  }

  /** Replaces the agents file with these agents, by moving a complete new file over it. */
  public void write(JsonObject... agents) {
    try {
      Files.createDirectories(file.getParent());
      Path written = Files.createTempFile(file.getParent(), "agents", ".part");
      Files.writeString(written, new JsonObject().put("agents", new JsonArray(List.of(agents))).encodePrettily());
      Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file + " failed", e);
    }
  }

  @Override
  public void close() throws IOException, TimeoutException {
    if (!overRabbitMq || ids.isEmpty()) {
      return;
    }
    String deadLetters = TaskTopology.standard().deadLetterQueue();
    try (Connection connection = RabbitFixture.rawConnection(); Channel channel = connection.createChannel()) {
      for (String id : ids) {
        String queue = TaskTopology.queueOf(id);
        channel.queueUnbind(deadLetters, TaskTopology.DEAD_LETTER_EXCHANGE, queue);
        channel.queueDelete(queue);
      }
    }
  }
}
