package ai.sutazai.verticles.testing;

import io.vertx.core.Vertx;
import java.util.List;

/**
 * Runs a fake Ollama until the JVM stops, for benchmarks and manual tries. Arguments:
 * {@code --host H --port P --tokens N --token-delay-ms MS --first-token-delay-ms MS --parallel N
 * --max-queue N --models a,b} (defaults: 127.0.0.1, 11434, and {@link FakeOllamaOptions}'s).
 */
public final class FakeOllamaMain {

  private FakeOllamaMain() {
  }

  public static void main(String[] args) {
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("option " + args[args.length - 1] + " lacks a value");
    }
    FakeOllamaOptions options = new FakeOllamaOptions();
    String host = "127.0.0.1";
    int port = 11434;
    List<String> models = List.of();
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--host" -> host = value;
        case "--port" -> port = Integer.parseInt(value);
        case "--tokens" -> options.tokensPerAnswer(Integer.parseInt(value));
        case "--token-delay-ms" -> options.tokenDelayMs(Long.parseLong(value));
        case "--first-token-delay-ms" -> options.firstTokenDelayMs(Long.parseLong(value));
        case "--parallel" -> options.parallel(Integer.parseInt(value));
        case "--max-queue" -> options.maxQueue(Integer.parseInt(value));
        case "--models" -> models = List.of(value.split(","));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Vertx vertx = Vertx.vertx();
    FakeOllama fake = FakeOllama.start(vertx, options, host, port).await();
    models.forEach(fake.models()::add);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    System.out.println("fake Ollama listening on " + fake.url() + " with models " + fake.models().names());
  }
}
