package ai.sutazai.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the launcher deploys, and the startup lines that say what each component uses. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SutazaiComponentsTest {

  /**
   * Verifies that storage is deployed first, then inference, the workflows service and the agent supervisor, and
   * the gateway last, one instance each.
   */
  @Test
  void storageThenInferenceThenAgentsThenGateway() {
    assertThat(SutazaiComponents.all()).extracting(PlatformComponent::name, PlatformComponent::instances)
        .containsExactly(tuple("storage", 1), tuple("inference", 1), tuple("workflows", 1), tuple("agents", 1),
            tuple("gateway", 1));
  }

  /** Verifies the agents lines: the catalogue, the plugins and which task bus carries the tasks. */
  @Test
  void describesAgents() {
    assertThat(SutazaiComponents.describeAgents(new JsonObject())).containsExactly(
        "agents: catalogue conf/agents.json, plugins in ./plugins",
        "task bus: in process (embedded), 3 attempts per task");
    JsonObject rabbit = new JsonObject().put("rabbitmq", new JsonObject()
        .put("url", "amqp://sutazai:s3cret@mq.example:5672"));
    assertThat(SutazaiComponents.describeAgents(rabbit).get(1))
        .isEqualTo("task bus: RabbitMQ amqp://***@mq.example:5672, 3 attempts per task");
  }

  /** Verifies that a failing storage start names where storage works, never with the database password. */
  @Test
  void storageAddressHidesCredentials() {
    assertThat(SutazaiComponents.storageAddress(new JsonObject()))
        .isEqualTo("embedded PostgreSQL in ./data");
    JsonObject external = new JsonObject().put("pg", new JsonObject()
        .put("url", "postgresql://sutazai:s3cret@db.example:5432/sutazai"));
    assertThat(SutazaiComponents.storageAddress(external))
        .isEqualTo("PostgreSQL postgresql://***@db.example:5432/sutazai");
  }

  /** Verifies the inference lines with the defaults and with several parallel generations. */
  @Test
  void describesInference() {
    assertThat(SutazaiComponents.describeInference(new JsonObject())).containsExactly(
        "ollama: http://localhost:11434, 1 parallel generation",
        "inference queue: 4 levels x 100, aging 30000 ms, deadline 300000 ms",
        "model routing: default=tinyllama:latest, reasoning=mistral:7b-instruct-q4_K_M,"
            + " coding=deepseek-coder:6.7b-instruct-q4_K_M, analysis=qwen2:7b-instruct-q4_K_M");
    JsonObject config = new JsonObject()
        .put("ollama", new JsonObject().put("url", "http://gpu:11434").put("parallel", 4));
    assertThat(SutazaiComponents.describeInference(config).get(0))
        .isEqualTo("ollama: http://gpu:11434, 4 parallel generations");
  }

  /** Verifies that an Ollama behind a proxy that wants credentials is described and named without them. */
  @Test
  void inferenceLinesHideCredentials() {
    JsonObject config = new JsonObject().put("ollama", new JsonObject().put("url", "https://bot:s3cret@gpu:443"));

    assertThat(SutazaiComponents.describeInference(config).get(0))
        .isEqualTo("ollama: https://***@gpu:443, 1 parallel generation");
    assertThat(SutazaiComponents.all().get(1).address().apply(config)).isEqualTo("https://***@gpu:443");
  }

  /** Verifies that the gateway line shows the port it really listens on and its limits. */
  @Test
  void describesGateway() {
    JsonObject config = new JsonObject().put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0));

    assertThat(SutazaiComponents.describeGateway(config, 41234)).containsExactly(
        "gateway: http://127.0.0.1:41234, bodies up to 1048576 bytes, shutdown grace 10000 ms");
  }
}
