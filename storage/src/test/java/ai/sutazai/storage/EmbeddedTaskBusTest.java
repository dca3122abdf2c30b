package ai.sutazai.storage;

/** The task bus in process (no RabbitMQ configured). */
class EmbeddedTaskBusTest extends TaskBusContract {

  @Override
  StorageConfig withTransport(StorageConfig config) {
    return config;
  }

  @Override
  StorageVerticle verticle() {
    return new StorageVerticle();
  }

  @Override
  String agent(String name) {
    return "ag-" + name;
  }

  @Override
  String family(String name) {
    return "family-" + name;
  }

  @Override
  String transportName() {
    return "embedded";
  }

  @Override
  String workingState() {
    return "running";
  }

  @Override
  void cleanUp() {
  }
}
