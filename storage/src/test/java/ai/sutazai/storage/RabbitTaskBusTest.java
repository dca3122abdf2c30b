package ai.sutazai.storage;

import ai.sutazai.storage.broker.RabbitFixture;

/** The task bus over the machine's RabbitMQ, with queues of this run's own, deleted afterwards. */
class RabbitTaskBusTest extends TaskBusContract {

  private final RabbitFixture rabbit = new RabbitFixture();

  @Override
  StorageConfig withTransport(StorageConfig config) {
    return config.with("rabbitmq.url", "amqp://guest:guest@" + RabbitFixture.HOST + ":" + RabbitFixture.PORT);
  }

  @Override
  StorageVerticle verticle() {
    return new StorageVerticle(rabbit.topology, 0);
  }

  @Override
  String agent(String name) {
    return rabbit.agentId(name);
  }

  @Override
  String family(String name) {
    return rabbit.agentType(name);
  }

  @Override
  String transportName() {
    return "rabbitmq";
  }

  @Override
  String workingState() {
    return "connected";
  }

  @Override
  void cleanUp() throws Exception {
    rabbit.close();
  }
}
