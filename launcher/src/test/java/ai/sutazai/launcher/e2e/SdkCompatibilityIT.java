package ai.sutazai.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.sutazai.verticles.testing.FakeOllama;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official {@code openai} and {@code ollama} JavaScript clients, unchanged but for their base URL,
 * work against SutazAI (src/test/sdk drives them; Node.js and npm must be on the PATH).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SdkCompatibilityIT {

  private static final int TOKENS = 12;
  private static final String ANSWER = FakeOllama.answer(TOKENS);
  private static final Path SDK_SOURCES = Path.of("src/test/sdk");
  private static final Path SDK_DIR = Path.of("target/sdk-compat");
  private static RunningPlatform platform;
  private static Map<String, JsonObject> checks;

  @BeforeAll
  static void runTheClients() throws Exception {
    assumeTrue(commandWorks("node", "--version") && commandWorks("npm", "--version"),
        "Node.js and npm are needed to run the official JavaScript clients");
    installClients();
    platform = RunningPlatform.start(new FakeOllamaOptions().tokensPerAnswer(TOKENS).tokenDelayMs(1));
    String apiKey = platform.postAndRead("/api/v1/keys", new JsonObject().put("name", "sdk").put("role", "user"))
        .json().getString("key");
    Process node = new ProcessBuilder("node", "compat.mjs", platform.baseUrl(), "tinyllama:latest", ANSWER, apiKey)
        .directory(SDK_DIR.toFile()).redirectErrorStream(true).start();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(node.exitValue()).as(output).isZero();
    checks = new HashMap<>();
    output.lines().filter(line -> line.startsWith("{")).map(JsonObject::new)
        .filter(json -> json.containsKey("name")).forEach(json -> checks.put(json.getString("name"), json));
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  /** Verifies that the openai client's chat, streaming chat and model list work unchanged. */
  @Test
  void openAiClientWorks() {
    assertThat(value("openai.chat").getString("text")).isEqualTo(ANSWER);
    assertThat(value("openai.chat").getString("finish")).isEqualTo("stop");
    assertThat(value("openai.chat").getInteger("tokens")).isEqualTo(TOKENS);
    assertThat(value("openai.chat.stream").getString("text")).isEqualTo(ANSWER);
    assertThat(value("openai.models").getJsonArray("ids").getList()).contains("tinyllama:latest");
  }

  /** Verifies that the openai client raises its NotFoundError for an unknown model, with the message. */
  @Test
  void openAiClientSeesNotFound() {
    JsonObject unknown = value("openai.unknownModel");
    assertThat(unknown.getInteger("status")).isEqualTo(404);
    assertThat(unknown.getString("type")).isEqualTo("NotFoundError");
    assertThat(unknown.getString("message")).contains("no-such-model:1b");
  }

  /** Verifies that the ollama client's chat, generate (both streaming and not), list, show, embed and version work. */
  @Test
  void ollamaClientWorks() {
    for (String name : List.of("ollama.chat", "ollama.chat.stream", "ollama.generate", "ollama.generate.stream")) {
      assertThat(value(name).getString("text")).as(name).isEqualTo(ANSWER);
    }
    assertThat(value("ollama.list").getJsonArray("names").getList()).contains("tinyllama:latest");
    assertThat(value("ollama.show").getString("family")).isNotBlank();
    assertThat(value("ollama.embed").getInteger("count")).isEqualTo(2);
    assertThat(value("ollama.version").getString("version")).isNotBlank();
  }

  /** Verifies that the ollama client raises its ResponseError with status 404 and the message for an unknown model. */
  @Test
  void ollamaClientSeesNotFound() {
    JsonObject unknown = value("ollama.unknownModel");
    assertThat(unknown.getInteger("status")).isEqualTo(404);
    assertThat(unknown.getString("message")).contains("no-such-model:1b");
  }

  private static JsonObject value(String check) {
    JsonObject result = checks.get(check);
    assertThat(result).as("result of " + check).isNotNull();
    assertThat(result.getBoolean("ok")).as(check + ": " + result.getString("error")).isTrue();
    return result.getJsonObject("value");
  }

  private static void installClients() throws IOException, InterruptedException {
    Files.createDirectories(SDK_DIR);
    for (String file : List.of("package.json", "package-lock.json", "compat.mjs")) {
      Files.copy(SDK_SOURCES.resolve(file), SDK_DIR.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
        .directory(SDK_DIR.toFile()).redirectErrorStream(true).start();
    String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(npm.waitFor(3, TimeUnit.MINUTES)).as("npm ci finishes").isTrue();
    assertThat(npm.exitValue()).as("npm ci: " + output).isZero();
  }

  private static boolean commandWorks(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
