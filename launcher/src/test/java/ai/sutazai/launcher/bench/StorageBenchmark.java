package ai.sutazai.launcher.bench;

import static ai.sutazai.launcher.bench.Samples.ms;

import ai.sutazai.verticles.testing.FakeOllama;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What storage costs a chat: a cache hit against a miss and against a plain health request, and
 * storing history while many chats stream at once, each measured beside its baseline in one run.
 */
final class StorageBenchmark {

  private static final String MODEL = "tinyllama:latest";

  private final Vertx vertx;
  private final StreamProbe probe;
  private final ClosedLoop loop;
  private final FakeOllama ollama;
  private final BenchReport report;
  private final AtomicLong unique = new AtomicLong();

  StorageBenchmark(Vertx vertx, StreamProbe probe, FakeOllama ollama, BenchReport report) {
    this.vertx = vertx;
    this.probe = probe;
    this.loop = new ClosedLoop(probe);
    this.ollama = ollama;
    this.report = report;
  }

  /** A chat that asks for the cache and keeps no history, so only the cache is measured. */
  private static JsonObject cachedChat(String text) {
    return StreamProbe.chat(MODEL, text).put("cache", true).put("store", false).put("stream", false);
  }

  private JsonObject missChat() {
    return cachedChat("miss-" + unique.incrementAndGet());
  }

  void cacheHitVersusMiss(int port) {
    ollama.options().tokensPerAnswer(10).tokenDelayMs(0).firstTokenDelayMs(0);
    JsonObject hit = cachedChat("the cached question");
    awaitCached(port, hit);
    Samples health = new Samples();
    Samples hits = new Samples();
    Samples misses = new Samples();
    Samples hitsWithHistory = new Samples();
    JsonObject hitWithHistory = hit.copy().put("store", true);
    int warmup = 300;
    for (int i = 0; i < warmup + 2000; i++) {
      boolean measured = i >= warmup;
      long start = System.nanoTime();
      probe.getJson(port, "/api/v1/system/health");
      record(measured, health, start);
      start = System.nanoTime();
      expectCached(probe.post(port, "/api/v1/chat", hit).await(), true);
      record(measured, hits, start);
      start = System.nanoTime();
      expectCached(probe.post(port, "/api/v1/chat", missChat()).await(), false);
      record(measured, misses, start);
      start = System.nanoTime();
      expectCached(probe.post(port, "/api/v1/chat", hitWithHistory).await(), true);
      record(measured, hitsWithHistory, start);
    }
    report.section("Inference cache: a hit against a miss and a health request (" + health.size()
            + " sequential requests each, interleaved; 10-token answers, fake Ollama without delay)",
        "| request | p50 | p90 | p99 | added p50 over health |", "|---|---|---|---|---|",
        row("GET /api/v1/system/health", health, health),
        row("chat, cache hit (store: false)", hits, health),
        row("chat, cache miss (store: false)", misses, health),
        row("chat, cache hit, history stored", hitsWithHistory, health));

    int concurrency = 32;
    long seconds = 5;
    double hitRate = loop.rate(port, "/api/v1/chat", () -> hit, concurrency, seconds);
    double missRate = loop.rate(port, "/api/v1/chat", this::missChat, concurrency, seconds);
    double hitRateAgain = loop.rate(port, "/api/v1/chat", () -> hit, concurrency, seconds);
    double missRateAgain = loop.rate(port, "/api/v1/chat", this::missChat, concurrency, seconds);
    report.section("Inference cache throughput, " + concurrency + " concurrent clients (two alternating "
            + seconds + " s runs each)",
        "| cache hits | cache misses | hits / misses |", "|---|---|---|",
        String.format("| %.0f, %.0f req/s | %.0f, %.0f req/s | %.2f |", hitRate, hitRateAgain, missRate,
            missRateAgain, (hitRate + hitRateAgain) / (missRate + missRateAgain)));
  }

  /** The first answer fills the cache after it is sent; asks again until an answer says it was cached. */
  private void awaitCached(int port, JsonObject chat) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!isCached(probe.post(port, "/api/v1/chat", chat).await())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the cache never answered " + chat.encode());
      }
      vertx.timer(10).await();
    }
  }

  private static boolean isCached(StreamProbe.Answer answer) {
    if (answer.status() != 200) {
      throw new IllegalStateException("status " + answer.status() + ": " + answer.body());
    }
    return answer.body().toJsonObject().getBoolean("cached", false);
  }

  private static void expectCached(StreamProbe.Answer answer, boolean cached) {
    if (isCached(answer) != cached) {
      throw new IllegalStateException("expected cached=" + cached + ": " + answer.body());
    }
  }

  private static void record(boolean measured, Samples into, long start) {
    if (measured) {
      into.addNanosSince(start);
    }
  }

  private static String row(String name, Samples s, Samples base) {
    return "| " + name + " | " + ms(s.percentile(50)) + " | " + ms(s.percentile(90)) + " | "
        + ms(s.percentile(99)) + " | " + ms(s.percentile(50) - base.percentile(50)) + " |";
  }

  /**
   * {@code clients} SSE chats streaming at once, each client chatting on in its own conversation
   * (storing every exchange) or without history, alternately; the time from the last token to
   * {@code done} is what storing adds. Since exchanges are written behind {@code done}, each stored
   * row then reads every client's conversation back (a read waits for its pending writes), checks
   * that no exchange is missing, and reports how long after the last {@code done} all were written.
   */
  void historyWrites(int port, int clients) {
    ollama.options().tokensPerAnswer(20).tokenDelayMs(5).firstTokenDelayMs(0);
    long seconds = 10;
    runStreams(port, clients, 3, true);
    List<String> rows = new ArrayList<>(List.of(
        "| history | chats | messages stored / s | last token to done p50 | p99 | p99 added |"
            + " all written after the last done |",
        "|---|---|---|---|---|---|---|"));
    for (int round = 0; round < 2; round++) {
      StreamRun without = runStreams(port, clients, seconds, false);
      StreamRun with = runStreams(port, clients, seconds, true);
      rows.add(streamRow("not stored", without, without, seconds) + " — |");
      rows.add(streamRow("stored", with, without, seconds) + " " + ms(allWritten(port, with)) + " |");
    }
    report.section(clients + " concurrent streaming chats of 20 tokens at 5 ms, " + seconds
        + " s per row, alternating (each client continues its own conversation when history is stored)",
        rows.toArray(String[]::new));
  }

  private record StreamRun(Samples doneGap, int chats, List<ClientConversation> conversations) {
  }

  /** The conversation one client chatted in during a run, and how many exchanges it had. */
  private static final class ClientConversation {
    private String id;
    private int exchanges;
  }

  /** Microseconds from now until every client's conversation reads back whole; fails if an exchange is missing. */
  private long allWritten(int port, StreamRun run) {
    long start = System.nanoTime();
    List<Future<Void>> reads = new ArrayList<>();
    for (ClientConversation conversation : run.conversations()) {
      reads.add(probe.get(port, "/api/v1/conversations/" + conversation.id).map(answer -> {
        int messages = answer.body().toJsonObject().getJsonArray("messages").size();
        if (answer.status() != 200 || messages != 2 * conversation.exchanges) {
          throw new IllegalStateException("conversation " + conversation.id + " holds " + messages
              + " messages after " + conversation.exchanges + " exchanges: " + answer.status());
        }
        return null;
      }));
    }
    Future.all(reads).await();
    return (System.nanoTime() - start) / 1_000;
  }

  private static String streamRow(String name, StreamRun run, StreamRun base, long seconds) {
    double stored = name.equals("stored") ? run.chats() * 2.0 / seconds : 0;
    return String.format("| %s | %d | %.0f | %s | %s | %s |", name, run.chats(), stored,
        ms(run.doneGap().percentile(50)), ms(run.doneGap().percentile(99)),
        ms(run.doneGap().percentile(99) - base.doneGap().percentile(99)));
  }

  private StreamRun runStreams(int port, int clients, long seconds, boolean store) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Samples gaps = new Samples();
    AtomicInteger chats = new AtomicInteger();
    List<Future<Void>> loops = new ArrayList<>();
    List<ClientConversation> conversations = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Promise<Void> client = Promise.promise();
      ClientConversation conversation = new ClientConversation();
      conversations.add(conversation);
      stream(port, "client-" + i, conversation, store, until, gaps, chats, client);
      loops.add(client.future());
    }
    Future.all(loops).await();
    return new StreamRun(gaps, chats.get(), conversations);
  }

  private void stream(int port, String name, ClientConversation conversation, boolean store, long until,
      Samples gaps, AtomicInteger chats, Promise<Void> client) {
    if (System.nanoTime() > until) {
      client.complete();
      return;
    }
    JsonObject chat = StreamProbe.chat(MODEL, name + " says " + unique.incrementAndGet()).put("store", store);
    if (conversation.id != null) {
      chat.put("conversation_id", conversation.id);
    }
    probe.sseChat(port, chat).onComplete(result -> {
      if (result.failed()) {
        client.fail(result.cause());
        return;
      }
      StreamProbe.TimedStream timed = result.result();
      synchronized (gaps) {
        gaps.add(timed.lastTokenToDoneMicros());
      }
      chats.incrementAndGet();
      if (store) {
        conversation.id = timed.doneData().getString("conversation_id");
        conversation.exchanges++;
      }
      stream(port, name, conversation, store, until, gaps, chats, client);
    });
  }
}
