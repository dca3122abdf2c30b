package ai.sutazai.launcher.bench;

import static ai.sutazai.launcher.bench.Samples.ms;

import ai.sutazai.launcher.bench.StreamProbe.Answer;
import ai.sutazai.verticles.testing.FakeOllama;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures SutazAI (the packaged jar, its own process) side by side with calling a fake Ollama
 * directly, in one run. Argument: the path of sutazai.jar; the system property {@code bench.sections}
 * picks the parts ({@code gateway}, {@code storage}, {@code agents}, default all). Writes a Markdown report to
 * stdout and to {@code target/benchmark.md}.
 */
public final class GatewayBenchmark {

  private static final String MODEL = "tinyllama:latest";
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client = vertx.createHttpClient(new HttpClientOptions(),
      new PoolOptions().setHttp1MaxSize(256));
  private final WebSocketClient webSockets = vertx.createWebSocketClient();
  private final StreamProbe probe = new StreamProbe(vertx, client);
  private final ClosedLoop loop = new ClosedLoop(probe);
  private final BenchReport report = new BenchReport();
  private FakeOllama ollama;

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "target/sutazai.jar");
    GatewayBenchmark benchmark = new GatewayBenchmark();
    try {
      benchmark.run(jar);
    } finally {
      benchmark.vertx.close().await();
    }
    System.exit(0);
  }

  private void run(Path jar) throws Exception {
    ollama = FakeOllama.start(vertx, new FakeOllamaOptions().parallel(64)).await();
    line("# SutazAI gateway benchmark");
    line("");
    line("Java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
        + " cores; fake Ollama in the benchmark's JVM, SutazAI as its own process (the fat jar, with its"
        + " embedded PostgreSQL and in-process cache, as on a bare VM).");
    List<String> sections = List.of(System.getProperty("bench.sections", "gateway,storage,agents").split(","));
    if (sections.contains("gateway")) {
      try (SutazaiUnderTest wide = SutazaiUnderTest.start(jar, Map.of(
          "SUTAZAI_OLLAMA_URL", ollama.url(), "SUTAZAI_OLLAMA_PARALLEL", "64", "SUTAZAI_QUEUE_CAPACITY", "1000"))) {
        timeToFirstToken(wide.port);
        interTokenGap(wide.port);
        throughput(wide.port);
      }
      try (SutazaiUnderTest narrow = SutazaiUnderTest.start(jar, Map.of(
          "SUTAZAI_OLLAMA_URL", ollama.url(), "SUTAZAI_OLLAMA_PARALLEL", "1", "SUTAZAI_QUEUE_CAPACITY", "20"))) {
        criticalWait(narrow.port);
        rejectionLatency(narrow.port);
      }
    }
    if (sections.contains("storage")) {
      StorageBenchmark storage = new StorageBenchmark(vertx, probe, ollama, report);
      ollama.options().parallel(256);
      try (SutazaiUnderTest stored = SutazaiUnderTest.start(jar, Map.of(
          "SUTAZAI_OLLAMA_URL", ollama.url(), "SUTAZAI_OLLAMA_PARALLEL", "256", "SUTAZAI_QUEUE_CAPACITY", "1000"))) {
        storage.cacheHitVersusMiss(stored.port);
        storage.historyWrites(stored.port, 20);
        storage.historyWrites(stored.port, 200);
      }
    }
    if (sections.contains("agents")) {
      new AgentBenchmark(vertx, probe, webSockets, ollama, report).run(jar);
    }
    report.writeTo(Path.of("target/benchmark.md"));
  }

  private void timeToFirstToken(int port) throws Exception {
    ollama.options().tokensPerAnswer(5).tokenDelayMs(1).firstTokenDelayMs(0);
    StreamProbe.TimedSocket socket = openSocket(port);
    Samples direct = new Samples();
    Samples sse = new Samples();
    Samples ws = new Samples();
    int warmup = 300;
    for (int i = 0; i < warmup + 1000; i++) {
      JsonObject chat = StreamProbe.chat(MODEL, "ttft-" + i);
      long d = first(probe.tokenTimes(ollama.port(), "/api/chat", chat, StreamProbe.NDJSON_TOKEN));
      long s = first(probe.tokenTimes(port, "/api/v1/chat", chat.copy().put("stream", true),
          StreamProbe.SSE_TOKEN));
      long w = socket.tokenTimes("c" + i, chat).await().get(0) / 1_000;
      if (i >= warmup) {
        direct.add(d);
        sse.add(s);
        ws.add(w);
      }
    }
    socket.close().await();
    section("Time to first token, one client (" + direct.size() + " chats each, interleaved)",
        "| path | p50 | p90 | p99 | added p50 |", "|---|---|---|---|---|",
        row("Ollama direct (NDJSON)", direct, direct),
        row("SutazAI SSE /api/v1/chat", sse, direct),
        row("SutazAI WebSocket /ws/chat", ws, direct));
  }

  private StreamProbe.TimedSocket openSocket(int port) {
    return probe.openSocket(webSockets, port).await();
  }

  private static long first(Future<List<Long>> times) {
    return times.await().get(0) / 1_000;
  }

  private static String row(String name, Samples s, Samples base) {
    return "| " + name + " | " + ms(s.percentile(50)) + " | " + ms(s.percentile(90)) + " | "
        + ms(s.percentile(99)) + " | " + ms(s.percentile(50) - base.percentile(50)) + " |";
  }

  private void interTokenGap(int port) {
    StreamProbe.TimedSocket socket = openSocket(port);
    List<String> rows = new ArrayList<>(List.of(
        "| fake's pace | path | p50 | p99 | p99 / direct p99 | p99 / pace |", "|---|---|---|---|---|---|"));
    for (long paceMs : new long[] {10, 25}) {
      ollama.options().tokensPerAnswer(100).tokenDelayMs(paceMs);
      Samples direct = new Samples();
      Samples sse = new Samples();
      Samples ws = new Samples();
      for (int i = 0; i < 30; i++) {
        JsonObject chat = StreamProbe.chat(MODEL, "gap-" + i);
        boolean warmup = i < 5;
        gaps(probe.tokenTimes(ollama.port(), "/api/chat", chat, StreamProbe.NDJSON_TOKEN),
            warmup ? new Samples() : direct);
        gaps(probe.tokenTimes(port, "/api/v1/chat", chat.copy().put("stream", true), StreamProbe.SSE_TOKEN),
            warmup ? new Samples() : sse);
        gaps(socket.tokenTimes("gap-" + paceMs + "-" + i, chat), warmup ? new Samples() : ws);
      }
      rows.add(gapRow(paceMs, "Ollama direct", direct, direct));
      rows.add(gapRow(paceMs, "SutazAI SSE", sse, direct));
      rows.add(gapRow(paceMs, "SutazAI WebSocket", ws, direct));
    }
    socket.close().await();
    section("Inter-token gap at the client (25 chats of 100 tokens per row, after 5 warm-up chats, interleaved)",
        rows.toArray(String[]::new));
  }

  private static String gapRow(long paceMs, String path, Samples s, Samples direct) {
    return "| " + paceMs + " ms | " + path + " | " + ms(s.percentile(50)) + " | " + ms(s.percentile(99)) + " | "
        + String.format("%.3f | %.3f |", (double) s.percentile(99) / direct.percentile(99),
        s.percentile(99) / (paceMs * 1000.0));
  }

  private static void gaps(Future<List<Long>> times, Samples into) {
    List<Long> t = times.await();
    for (int i = 1; i < t.size(); i++) {
      into.add((t.get(i) - t.get(i - 1)) / 1_000);
    }
  }

  private void throughput(int port) {
    int concurrency = 32;
    long seconds = 10;
    JsonObject chat = StreamProbe.chat(MODEL, "throughput").put("store", false);
    List<String> rows = new ArrayList<>(List.of("| fake's pace | Ollama direct | SutazAI /api/v1/chat | ratio |",
        "|---|---|---|---|"));
    for (long paceMs : new long[] {2, 0}) {
      ollama.options().tokensPerAnswer(10).tokenDelayMs(paceMs);
      loop.rate(port, "/api/v1/chat", () -> chat, concurrency, 3);
      double direct = loop.rate(ollama.port(), "/api/chat", () -> direct(chat), concurrency, seconds);
      double gateway = loop.rate(port, "/api/v1/chat", () -> chat, concurrency, seconds);
      double directAgain = loop.rate(ollama.port(), "/api/chat", () -> direct(chat), concurrency, seconds);
      double gatewayAgain = loop.rate(port, "/api/v1/chat", () -> chat, concurrency, seconds);
      rows.add(String.format("| %d ms per token | %.0f, %.0f req/s | %.0f, %.0f req/s | %.2f |", paceMs, direct,
          directAgain, gateway, gatewayAgain, (gateway + gatewayAgain) / (direct + directAgain)));
    }
    section("Non-streaming throughput, " + concurrency + " concurrent clients, 10-token answers (\"store\": false;"
        + " storing is measured below), fake with 64 slots"
        + " (two alternating " + seconds + " s runs each)", rows.toArray(String[]::new));
  }

  private static JsonObject direct(JsonObject chat) {
    return chat.copy().put("stream", false);
  }

  /**
   * A critical chat arriving while one slot runs a long generation and 50 lower chats wait. The
   * running generation is long (1 s) and the queued ones short (200 ms), so that the critical chat
   * surely reaches the queue while the slot is still busy, however long queuing the 50 takes.
   */
  private void criticalWait(int port) {
    long runningMs = 1000;
    long generationMs = 200;
    ollama.options().parallel(1).tokensPerAnswer(20).tokenDelayMs(runningMs / 20);
    List<Future<Answer>> all = new ArrayList<>();
    AtomicLong runningEnded = new AtomicLong();
    all.add(probe.post(port, "/api/v1/chat", StreamProbe.chat(MODEL, "running"))
        .onSuccess(answer -> runningEnded.set(System.nanoTime())));
    awaitRunning();
    ollama.options().tokenDelayMs(generationMs / 20);
    String[] levels = {"high", "normal", "low"};
    for (int i = 0; i < 50; i++) {
      all.add(probe.post(port, "/api/v1/chat",
          StreamProbe.chat(MODEL, "waiting-" + i).put("priority", levels[i % 3])));
    }
    awaitQueued(port, 50);
    long submitted = System.nanoTime();
    JsonObject critical = probe.post(port, "/api/v1/chat",
        StreamProbe.chat(MODEL, "critical").put("priority", "critical")).await().body().toJsonObject();
    long queueMs = critical.getJsonObject("timings").getLong("queue_ms");
    Future.all(all).await();
    long remainingMs = TimeUnit.NANOSECONDS.toMillis(runningEnded.get() - submitted);

    List<Future<List<Long>>> fifo = new ArrayList<>();
    ollama.options().tokenDelayMs(runningMs / 20);
    AtomicLong fifoRunningEnded = new AtomicLong();
    fifo.add(probe.tokenTimes(ollama.port(), "/api/chat", StreamProbe.chat(MODEL, "running"),
        StreamProbe.NDJSON_TOKEN).onSuccess(times -> fifoRunningEnded.set(System.nanoTime())));
    awaitRunning();
    ollama.options().tokenDelayMs(generationMs / 20);
    for (int i = 0; i < 50; i++) {
      fifo.add(probe.tokenTimes(ollama.port(), "/api/chat", StreamProbe.chat(MODEL, "fifo-" + i),
          StreamProbe.NDJSON_TOKEN));
    }
    long fifoSubmitted = System.nanoTime();
    long fifoFirstToken = probe.tokenTimes(ollama.port(), "/api/chat",
        StreamProbe.chat(MODEL, "critical-fifo"), StreamProbe.NDJSON_TOKEN).await().get(0);
    long fifoWaitMs = TimeUnit.NANOSECONDS.toMillis(fifoFirstToken) - generationMs / 20;
    Future.all(fifo).await();
    long fifoRemainingMs = TimeUnit.NANOSECONDS.toMillis(fifoRunningEnded.get() - fifoSubmitted);
    ollama.options().parallel(64);
    section("A critical chat behind a busy slot and 50 queued lower chats (the running generation "
            + runningMs + " ms, each queued one " + generationMs + " ms)",
        "| queue | critical waited | the running chat's remaining time |", "|---|---|---|",
        "| SutazAI (four levels) | " + queueMs + " ms | " + remainingMs + " ms |",
        "| FIFO (Ollama's own wait, direct) | " + Math.max(0, fifoWaitMs) + " ms | " + fifoRemainingMs + " ms |");
  }

  private void awaitRunning() {
    while (ollama.recorder().running() == 0) {
      vertx.timer(1).await();
    }
  }

  private void awaitQueued(int port, int count) {
    while (status(port).getInteger("queued") < count) {
      vertx.timer(2).await();
    }
  }

  private JsonObject status(int port) {
    return probe.getJson(port, "/api/v1/system/status");
  }

  private void rejectionLatency(int port) {
    ollama.options().parallel(1).tokensPerAnswer(1000).tokenDelayMs(10);
    probe.post(port, "/api/v1/chat", StreamProbe.chat(MODEL, "hog"));
    awaitRunning();
    for (int i = 0; i < 20; i++) {
      probe.post(port, "/api/v1/chat", StreamProbe.chat(MODEL, "fill-" + i).put("priority", "low"));
    }
    while (status(port).getJsonObject("levels").getJsonObject("low").getInteger("depth") < 20) {
      vertx.timer(2).await();
    }
    Samples rejected = new Samples();
    JsonObject chat = StreamProbe.chat(MODEL, "rejected").put("priority", "low");
    for (int i = 0; i < 2200; i++) {
      long start = System.nanoTime();
      int status = probe.post(port, "/api/v1/chat", chat).await().status();
      if (status != 429) {
        throw new IllegalStateException("expected 429, got " + status);
      }
      if (i >= 200) {
        rejected.addNanosSince(start);
      }
    }
    section("429 when a level is full (" + rejected.size() + " sequential rejections)",
        "| p50 | p90 | p99 | max |", "|---|---|---|---|",
        "| " + ms(rejected.percentile(50)) + " | " + ms(rejected.percentile(90)) + " | "
            + ms(rejected.percentile(99)) + " | " + ms(rejected.percentile(100)) + " |");
  }

  private void section(String title, String... lines) {
    report.section(title, lines);
  }

  private void line(String text) {
    report.line(text);
  }
}
