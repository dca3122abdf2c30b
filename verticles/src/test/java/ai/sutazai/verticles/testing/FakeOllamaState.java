package ai.sutazai.verticles.testing;

import io.vertx.core.Vertx;

/** The parts of one running fake Ollama that its request handlers share. */
record FakeOllamaState(
    Vertx vertx,
    FakeOllamaOptions options,
    FakeOllamaFaults faults,
    FakeOllamaRecorder recorder,
    FakeModelCatalog catalog,
    FakeSlots slots) {
}
