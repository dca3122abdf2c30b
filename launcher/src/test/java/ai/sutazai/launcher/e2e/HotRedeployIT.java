package ai.sutazai.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.testing.FakeOllamaOptions;
import ai.sutazai.verticles.testing.PluginJar;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents change while their tasks flow over RabbitMQ: a prompt agent's definition is edited in the agents file,
 * and a plugin agent's jar is replaced by a new build and the agent redeployed. Every task still completes exactly
 * once, answered by the agent as it was when the task started.
 */
@Timeout(value = 100, unit = TimeUnit.SECONDS)
class HotRedeployIT {

  private static final int TASKS = 200;
  private static final long PACE_MS = 25;
  private static final Duration SETTLING = Duration.ofSeconds(60);
  private static final String FIRST_PROMPT = "You echo tasks, first edition.";
  private static final String SECOND_PROMPT = "You echo tasks, second edition.";
  private static final String PLUGIN_CLASS = "ai.sutazai.plugin.example.ReverseWordsPlugin";
  private static final String PLUGIN_SOURCE = "ai/sutazai/plugin/example/ReverseWordsPlugin.java";
  private static final String JAR = "reverse-words.jar";

  @TempDir
  Path temp;

  /**
   * Verifies that 200 tasks, submitted steadily to a prompt agent and a plugin agent while the prompt agent's
   * system prompt is changed in the file and the plugin's jar is swapped for version 2 and redeployed, all complete
   * exactly once at their first attempt, the tasks started before each change answered by the old agent and those
   * started after its new deployment by the new one.
   */
  @Test
  void everyTaskCompletesOnceWhileAgentsAreRedeployed() throws Exception {
    // GIVEN a prompt agent (two copies) and the example plugin's version 1, taking tasks over RabbitMQ
    Path plugins = Files.createDirectories(temp.resolve("plugins"));
    writeReverseWordsJar(plugins.resolve(JAR), "1");
    try (TestAgents agents = new TestAgents(temp.resolve("agents.json"), true)) {
      String echo = agents.id("echo");
      String reverse = agents.id("reverse");
      JsonObject echoAgent = TestAgents.promptAgent(echo, "echo_text", FIRST_PROMPT, 4).put("instances", 2);
      JsonObject reverseAgent = TestAgents.promptAgent(reverse, "reverse_words", "You reverse words.", 4)
          .put("class", PLUGIN_CLASS).put("jar", JAR);
      agents.write(echoAgent, reverseAgent);
      FakeOllamaOptions ollama = new FakeOllamaOptions().parallel(8).firstTokenDelayMs(40)
          .answers(HotRedeployIT::systemPromptOf);
      try (RunningPlatform platform = RunningPlatform.start(ollama, config(agents, plugins))) {
        TaskApi api = new TaskApi(platform.baseUrl(), platform.defaultAuthorization());
        Eventually.until("both agents running", () -> isRunning(api.agent(echo)) && isRunning(api.agent(reverse)));
        TaskLedger ledger = new TaskLedger(api);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try {
          // WHEN tasks are submitted steadily, half to each agent
          CompletableFuture<Void> submitted = submitSteadily(pacer, ledger, echo, reverse);

          // AND the prompt agent's system prompt changes in the file, picked up by the watcher
          awaitSubmitted(ledger, submitted, TASKS / 5);
          String firstEcho = api.agent(echo).getString("deployment_id");
          Instant promptChanged = Instant.now();
          agents.write(echoAgent.copy().put("system_prompt", SECOND_PROMPT).put("max_concurrent_tasks", 3),
              reverseAgent);
          JsonObject secondEcho = Eventually.value("the echo agent redeployed with its second prompt",
              Eventually.DEFAULT, () -> {
                JsonObject status = api.agent(echo);
                boolean changed = isRunning(status) && !firstEcho.equals(status.getString("deployment_id"))
                    && SECOND_PROMPT.equals(status.getJsonObject("definition").getString("system_prompt"));
                return changed ? Optional.of(status) : Optional.empty();
              });

          // AND the plugin's jar is replaced by version 2 and the plugin agent redeployed
          awaitSubmitted(ledger, submitted, TASKS * 11 / 20);
          Instant jarSwapped = Instant.now();
          writeReverseWordsJar(plugins.resolve(JAR), "2");
          JsonObject secondReverse = api.redeploy(reverse);

          submitted.get(SETTLING.toSeconds(), TimeUnit.SECONDS);
          Eventually.value("every task final", SETTLING, () -> ledger.allFinal() ? Optional.of(true) : Optional.empty());

          // THEN every task completed exactly once, at its first attempt
          ledger.assertEachCompletedOnce();
          List<JsonObject> tasks = ledger.finalTasks();
          assertThat(tasks).hasSize(TASKS).allSatisfy(task -> assertThat(task.getInteger("attempts"))
              .as("attempts of %s", task).isEqualTo(1));

          // AND each answered as its agent was defined when it started
          List<JsonObject> echoed = tasksOf(tasks, echo);
          List<JsonObject> reversed = tasksOf(tasks, reverse);
          assertThat(echoed).hasSize(TASKS / 2);
          assertThat(reversed).hasSize(TASKS / 2).allSatisfy(task -> assertThat(task.getJsonObject("result")
              .getString("text")).isEqualTo(reversedWords(task.getJsonObject("payload").getString("text"))));
          assertEditions(echoed, task -> task.getJsonObject("result").getString("answer"), FIRST_PROMPT, SECOND_PROMPT,
              promptChanged, Instant.parse(secondEcho.getString("deployed_at")));
          assertEditions(reversed, task -> task.getJsonObject("result").getString("version"), "1", "2", jarSwapped,
              Instant.parse(secondReverse.getString("deployed_at")));
        } finally {
          pacer.shutdownNow();
        }
      }
    }
  }

  private static JsonObject config(TestAgents agents, Path plugins) {
    return new JsonObject()
        .put("agents", new JsonObject().put("file", agents.file().toString()).put("watch_interval_ms", 50)
            .put("watch_debounce_ms", 100))
        .put("plugins", new JsonObject().put("dir", plugins.toString()))
        .put("rabbitmq", new JsonObject().put("url", TestAgents.RABBITMQ_URL))
        .put("ollama", new JsonObject().put("parallel", 8));
  }

  /** Submits {@value #TASKS} tasks, one every {@value #PACE_MS} ms, alternately to each agent. */
  private static CompletableFuture<Void> submitSteadily(ScheduledExecutorService pacer, TaskLedger ledger,
      String echo, String reverse) {
    CompletableFuture<Void> submitted = new CompletableFuture<>();
    AtomicInteger next = new AtomicInteger();
    pacer.scheduleAtFixedRate(() -> {
      int n = next.getAndIncrement();
      if (n >= TASKS || submitted.isDone()) {
        submitted.complete(null);
        return;
      }
      try {
        if (n % 2 == 0) {
          ledger.submit(echo, "echo_text", new JsonObject().put("n", n));
        } else {
          ledger.submit(reverse, "reverse_words", new JsonObject().put("text", "task " + n + " words in order"));
        }
      } catch (RuntimeException | AssertionError e) {
        submitted.completeExceptionally(e);
      }
    }, 0, PACE_MS, TimeUnit.MILLISECONDS);
    return submitted;
  }

  private static void awaitSubmitted(TaskLedger ledger, CompletableFuture<Void> submitted, int count) {
    Eventually.until(count + " tasks submitted", () -> {
      if (submitted.isCompletedExceptionally()) {
        submitted.join();
      }
      return ledger.size() >= count;
    });
  }

  /**
   * Checks that each task answered {@code before} or {@code after}, {@code before} when it started before the
   * change was made and {@code after} when it started after the new deployment, and that no task started by the
   * old agent began after one the new agent ran.
   */
  private static void assertEditions(List<JsonObject> tasks, Function<JsonObject, String> edition, String before,
      String after, Instant changed, Instant deployed) {
    assertThat(tasks).allSatisfy(task -> assertThat(edition.apply(task)).as("answer of %s", task).isIn(before, after));
    List<JsonObject> old = tasks.stream().filter(task -> before.equals(edition.apply(task))).toList();
    List<JsonObject> renewed = tasks.stream().filter(task -> after.equals(edition.apply(task))).toList();
    assertThat(old).as("tasks answered %s", before).isNotEmpty();
    assertThat(renewed).as("tasks answered %s", after).isNotEmpty();
    assertThat(tasks.stream().filter(task -> startOf(task).isBefore(changed)))
        .allSatisfy(task -> assertThat(edition.apply(task)).as("started before the change: %s", task).isEqualTo(before));
    assertThat(tasks.stream().filter(task -> startOf(task).isAfter(deployed)))
        .allSatisfy(task -> assertThat(edition.apply(task)).as("started after the redeploy: %s", task).isEqualTo(after));
    Instant lastOld = old.stream().map(HotRedeployIT::startOf).max(Comparator.naturalOrder()).orElseThrow();
    Instant firstNew = renewed.stream().map(HotRedeployIT::startOf).min(Comparator.naturalOrder()).orElseThrow();
    assertThat(lastOld).as("the last start answered %s", before).isBefore(firstNew);
  }

  private static List<JsonObject> tasksOf(List<JsonObject> tasks, String agent) {
    return tasks.stream().filter(task -> agent.equals(task.getString("agent"))).toList();
  }

  private static Instant startOf(JsonObject task) {
    return OffsetDateTime.parse(task.getString("started_at")).toInstant();
  }

  private static boolean isRunning(JsonObject status) {
    return "running".equals(status.getString("status"));
  }

  /** What the fake model answers: the system prompt it was given, which tells the agent's edition apart. */
  private static String systemPromptOf(JsonObject request) {
    JsonArray messages = request.getJsonArray("messages", new JsonArray());
    return messages.stream().map(JsonObject.class::cast).filter(message -> "system".equals(message.getString("role")))
        .map(message -> message.getString("content")).findFirst().orElse(null);
  }

  private static String reversedWords(String text) {
    List<String> words = new ArrayList<>(List.of(text.split(" ")));
    Collections.reverse(words);
    return String.join(" ", words);
  }

  /** Builds the example plugin from its source (plugin-example's) as {@code jar}, answering {@code version}. */
  private static void writeReverseWordsJar(Path jar, String version) throws IOException {
    Path sources = Path.of(System.getProperty("plugin.example.sources", "../plugin-example/src/main/java"));
    String source = Files.readString(sources.resolve(PLUGIN_SOURCE));
    String released = "VERSION = \"1\";";
    assertThat(source).as("the example plugin's source").contains(released);
    PluginJar.write(jar, PLUGIN_CLASS, source.replace(released, "VERSION = \"" + version + "\";"));
  }
}
