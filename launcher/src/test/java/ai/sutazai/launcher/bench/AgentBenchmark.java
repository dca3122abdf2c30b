package ai.sutazai.launcher.bench;

import static ai.sutazai.launcher.bench.Samples.ms;

import ai.sutazai.verticles.testing.FakeOllama;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The agent runtime end to end, on the embedded task bus and over RabbitMQ side by side (two SutazAI processes,
 * rows alternating): tasks per second from {@code POST /api/v1/tasks} to {@code completed} on the task socket, the
 * time from an agents-file change to the new agent serving, and the time a redeploy takes, idle and under load.
 * The fake Ollama answers at once, so what is measured is SutazAI's own cost per task.
 */
final class AgentBenchmark {

  private static final int TASKS = 1000;
  private static final int CONCURRENCY = 50;
  private static final int WARMUP = 1000;
  private static final int REPETITIONS = 5;
  private static final int NEW_AGENTS = 10;
  /** The default {@code agents.watch_interval_ms}: how often the supervisor's watcher looks at the file. */
  private static final int WATCH_INTERVAL_MS = 1000;
  private static final String[] FAMILIES = {"specialized", "optimization", "security"};

  private final Vertx vertx;
  private final StreamProbe probe;
  private final WebSocketClient webSockets;
  private final FakeOllama ollama;
  private final BenchReport report;
  private final AtomicLong unique = new AtomicLong();
  private final SecureRandom random = new SecureRandom();
  private final String run = runId(random);

  AgentBenchmark(Vertx vertx, StreamProbe probe, WebSocketClient webSockets, FakeOllama ollama, BenchReport report) {
    this.vertx = vertx;
    this.probe = probe;
    this.webSockets = webSockets;
    this.ollama = ollama;
    this.report = report;
  }

  /**
   * Starts both SutazAI processes from {@code jar}, runs the three measurements and stops them again; the agents
   * files are deleted after a run that succeeded (and kept, for a look, after one that failed).
   */
  void run(Path jar) throws Exception {
    ollama.options().parallel(64).tokensPerAnswer(5).tokenDelayMs(0).firstTokenDelayMs(0);
    Map<String, String> env = Map.of("SUTAZAI_OLLAMA_URL", ollama.url(), "SUTAZAI_OLLAMA_PARALLEL", "64",
        "SUTAZAI_QUEUE_CAPACITY", "1000");
    Path dir = Files.createTempDirectory("sutazai-agent-bench");
    List<BenchCatalogue.Agent> embeddedAgents = new ArrayList<>();
    List<BenchCatalogue.Agent> rabbitAgents = new ArrayList<>();
    BenchCatalogue embeddedFile = catalogue(dir.resolve("embedded-agents.json"), "e", embeddedAgents);
    BenchCatalogue rabbitFile = catalogue(dir.resolve("rabbitmq-agents.json"), "r", rabbitAgents);
    try (AgentPlatform embedded = AgentPlatform.start(jar, embeddedFile, false, env, vertx, webSockets, probe);
        AgentPlatform rabbit = AgentPlatform.start(jar, rabbitFile, true, env, vertx, webSockets, probe)) {
      List<Subject> subjects = List.of(new Subject(embedded, embeddedAgents), new Subject(rabbit, rabbitAgents));
      throughput(subjects);
      newAgent(subjects);
      redeploy(subjects);
    }
    Files.delete(embeddedFile.file());
    Files.delete(rabbitFile.file());
    Files.delete(dir);
  }

  /** A platform and the agents it started with. */
  private record Subject(AgentPlatform platform, List<BenchCatalogue.Agent> agents) {

    String transport() {
      return platform.transport;
    }
  }

  /** A catalogue of one prompt agent per family of {@link #FAMILIES}, which it adds to {@code agents}. */
  private BenchCatalogue catalogue(Path file, String transport, List<BenchCatalogue.Agent> agents) {
    BenchCatalogue catalogue = new BenchCatalogue(file, "bench-" + run + "-" + transport + "-");
    for (int i = 0; i < FAMILIES.length; i++) {
      agents.add(catalogue.add("a" + i, FAMILIES[i], 2, 16));
    }
    return catalogue;
  }

  /** Task bodies spread evenly over the subject's agents. */
  private IntFunction<JsonObject> spread(Subject subject) {
    return number -> task(subject.agents().get(number % subject.agents().size()).type());
  }

  private JsonObject payload() {
    return new JsonObject().put("text", "benchmark task " + unique.incrementAndGet());
  }

  private JsonObject task(String type) {
    return new JsonObject().put("type", type).put("payload", payload());
  }

  private void throughput(List<Subject> subjects) {
    for (Subject subject : subjects) {
      subject.platform().load.run(spread(subject), WARMUP, CONCURRENCY);
    }
    List<String> rows = new ArrayList<>(List.of("| transport | tasks | tasks/s | p50 | p90 | p99 | max |",
        "|---|---|---|---|---|---|---|"));
    List<String> phases = new ArrayList<>(List.of(TaskPhases.HEADER, TaskPhases.RULE));
    double[] perSecond = new double[subjects.size()];
    for (int round = 0; round < 2; round++) {
      for (int s = 0; s < subjects.size(); s++) {
        Subject subject = subjects.get(s);
        TaskLoad.Run done = subject.platform().load.run(spread(subject), TASKS, CONCURRENCY);
        subject.platform().checkExactlyOnce(done.taskIds());
        perSecond[s] += done.tasksPerSecond();
        phases.add(TaskPhases.of(done, subject.platform().watch).row(subject.transport()));
        Samples latency = done.latency();
        rows.add(String.format("| %s | %d | %.0f | %s | %s | %s | %s |", subject.transport(),
            done.taskIds().size(), done.tasksPerSecond(), ms(latency.percentile(50)), ms(latency.percentile(90)),
            ms(latency.percentile(99)), ms(latency.percentile(100))));
      }
    }
    rows.add("");
    rows.add(String.format("RabbitMQ / embedded, tasks per second over both rounds: **%.2f**",
        perSecond[1] / perSecond[0]));
    report.section("Agent tasks end to end, " + TASKS + " tasks per row, " + CONCURRENCY + " in flight ("
            + "POST /api/v1/tasks to completed on /ws/agents; 3 prompt agents of 2 copies x 16 tasks; fake Ollama"
            + " without delay; every task checked completed exactly once at attempt 1)",
        rows.toArray(String[]::new));
    report.section("Where the tasks of those rows spent their time (from the arrival of their changes on"
        + " /ws/agents)", phases.toArray(String[]::new));
  }

  /**
   * Adds an agent to the file and times, from the write: the supervisor knowing it (its status answers), running
   * it, and the first task (submitted as soon as it is known) completing. Each write waits a random part of the
   * watcher's interval first, so that the writes fall at every point of its cycle.
   */
  private void newAgent(List<Subject> subjects) throws Exception {
    List<Samples[]> samples = new ArrayList<>();
    subjects.forEach(subject -> samples.add(new Samples[] {new Samples(), new Samples(), new Samples()}));
    for (int rep = 0; rep < NEW_AGENTS; rep++) {
      for (int s = 0; s < subjects.size(); s++) {
        AgentPlatform platform = subjects.get(s).platform();
        BenchCatalogue.Agent added = platform.catalogue.add("new" + rep, FAMILIES[rep % FAMILIES.length], 1, 4);
        vertx.timer(1 + random.nextInt(WATCH_INTERVAL_MS)).await();
        long written = System.nanoTime();
        platform.catalogue.write();
        long known = -1;
        String taskId = null;
        JsonObject agent;
        while ((agent = platform.agent(added.id())) == null || !agent.getString("status").equals("running")) {
          if (agent != null && known < 0) {
            known = System.nanoTime();
            taskId = platform.submit(added.type(), payload());
          }
          deadline(written, "agent " + added.id() + " to run after the file changed");
          vertx.timer(5).await();
        }
        long running = System.nanoTime();
        if (taskId == null) {
          known = running;
          taskId = platform.submit(added.type(), payload());
        }
        long served = platform.watch.ended(taskId).await().nanos();
        platform.checkExactlyOnce(List.of(taskId));
        samples.get(s)[0].add((known - written) / 1_000);
        samples.get(s)[1].add((running - written) / 1_000);
        samples.get(s)[2].add((served - written) / 1_000);
      }
    }
    List<String> rows = new ArrayList<>(List.of(
        "| transport | in the catalogue p50 | max | running p50 | max | first task completed p50 | max |",
        "|---|---|---|---|---|---|---|"));
    for (int s = 0; s < subjects.size(); s++) {
      Samples[] times = samples.get(s);
      rows.add(String.format("| %s | %s | %s | %s | %s | %s | %s |", subjects.get(s).transport(),
          ms(times[0].percentile(50)), ms(times[0].percentile(100)), ms(times[1].percentile(50)),
          ms(times[1].percentile(100)), ms(times[2].percentile(50)), ms(times[2].percentile(100))));
    }
    report.section("A new agent in the agents file, from the write to serving (" + NEW_AGENTS
            + " agents added per transport, alternating, each at a random point of the watcher's cycle; default"
            + " agents.watch_interval_ms " + WATCH_INTERVAL_MS + " and agents.watch_debounce_ms 500; the first task is"
            + " submitted once the agent's status answers)",
        rows.toArray(String[]::new));
  }

  /**
   * Redeploys the first agent: idle (then one task), and under a load of {@value #CONCURRENCY} tasks in flight to
   * that agent. Times the redeploy's answer and the agent serving again (the completion of the first task started
   * after the answer), and under load the longest pause between completions from the request until then.
   */
  private void redeploy(List<Subject> subjects) {
    List<String> rows = new ArrayList<>(List.of(
        "| transport | load | redeploy answered p50 | max | serving again p50 | max | longest pause p50 | max |",
        "|---|---|---|---|---|---|---|---|"));
    for (boolean loaded : new boolean[] {false, true}) {
      List<Samples[]> samples = new ArrayList<>();
      subjects.forEach(subject -> samples.add(new Samples[] {new Samples(), new Samples(), new Samples()}));
      for (int rep = 0; rep < REPETITIONS; rep++) {
        for (int s = 0; s < subjects.size(); s++) {
          Samples[] into = samples.get(s);
          if (loaded) {
            redeployUnderLoad(subjects.get(s), into);
          } else {
            redeployIdle(subjects.get(s), into);
          }
        }
      }
      for (int s = 0; s < subjects.size(); s++) {
        Samples[] times = samples.get(s);
        rows.add(String.format("| %s | %s | %s | %s | %s | %s | %s | %s |", subjects.get(s).transport(),
            loaded ? CONCURRENCY + " tasks in flight" : "idle",
            ms(times[0].percentile(50)), ms(times[0].percentile(100)), ms(times[1].percentile(50)),
            ms(times[1].percentile(100)), loaded ? ms(times[2].percentile(50)) : "—",
            loaded ? ms(times[2].percentile(100)) : "—"));
      }
    }
    report.section("Redeploying one agent (POST /api/v1/agents/{id}/redeploy; " + REPETITIONS
        + " redeploys per row, alternating; the agent has 2 copies x 16 tasks; serving again: idle, a task submitted"
        + " after the answer completed; under load, the first task started after the answer completed)",
        rows.toArray(String[]::new));
  }

  private void redeployIdle(Subject subject, Samples[] into) {
    AgentPlatform platform = subject.platform();
    long start = System.nanoTime();
    BenchCatalogue.Agent first = subject.agents().get(0);
    long answered = askRedeploy(platform, first.id());
    String taskId = platform.submit(first.type(), payload());
    long served = platform.watch.ended(taskId).await().nanos();
    platform.checkExactlyOnce(List.of(taskId));
    into[0].add((answered - start) / 1_000);
    into[1].add((served - start) / 1_000);
  }

  private void redeployUnderLoad(Subject subject, Samples[] into) {
    AgentPlatform platform = subject.platform();
    BenchCatalogue.Agent first = subject.agents().get(0);
    long loadStart = System.nanoTime();
    TaskLoad.Running load = platform.load.start(number -> task(first.type()), CONCURRENCY);
    while (platform.watch.completionsSince(loadStart).size() < 2 * CONCURRENCY) {
      deadline(loadStart, "the load to get going");
      vertx.timer(5).await();
    }
    long start = System.nanoTime();
    long answered = askRedeploy(platform, first.id());
    TaskWatch.Change firstServed;
    while ((firstServed = platform.watch.completionsSince(answered).stream()
        .filter(completion -> platform.watch.startedSince(completion.taskId(), answered)).findFirst()
        .orElse(null)) == null) {
      deadline(answered, "a task started after the redeploy to complete");
      vertx.timer(2).await();
    }
    long served = firstServed.nanos();
    TaskLoad.Run done = load.stop().await();
    platform.checkExactlyOnce(done.taskIds());
    long previous = start;
    long longestPause = 0;
    for (TaskWatch.Change completion : platform.watch.completionsSince(start)) {
      if (completion.nanos() > served) {
        break;
      }
      longestPause = Math.max(longestPause, completion.nanos() - previous);
      previous = completion.nanos();
    }
    into[0].add((answered - start) / 1_000);
    into[1].add((served - start) / 1_000);
    into[2].add(longestPause / 1_000);
  }

  /** Asks for the redeploy and answers when the answer arrived (nanoTime). */
  private long askRedeploy(AgentPlatform platform, String agentId) {
    StreamProbe.Answer answer = probe.post(platform.port(), "/api/v1/agents/" + agentId + "/redeploy",
        new JsonObject()).await();
    long answered = System.nanoTime();
    if (answer.status() != 200 || !"running".equals(answer.body().toJsonObject().getString("status"))) {
      throw new IllegalStateException("the redeploy of " + agentId + " answered " + answer.status() + ": "
          + answer.body());
    }
    return answered;
  }

  private static void deadline(long sinceNanos, String what) {
    if (System.nanoTime() - sinceNanos > TimeUnit.SECONDS.toNanos(60)) {
      throw new IllegalStateException("waited 60 s for " + what);
    }
  }

  private static String runId(SecureRandom random) {
    String letters = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      id.append(letters.charAt(random.nextInt(letters.length())));
    }
    return id.toString();
  }
}
