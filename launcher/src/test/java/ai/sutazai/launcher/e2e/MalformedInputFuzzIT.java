package ai.sutazai.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.launcher.e2e.MalformedBodies.Broken;
import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sends well over a thousand malformed requests, drawn from a seeded generator, to every route and
 * as {@code /ws/chat} frames: broken bodies ({@link MalformedBodies}), bad path and query values,
 * odd methods and headers, very long URLs and header values, and raw bytes no HTTP client would
 * send. Nothing may answer 5xx, every 4xx is problem+json, no model is asked, no stored row
 * changes, and the platform still serves a good chat afterwards. The seed is printed; rerun one
 * with {@code -Dfuzz.seed=N}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MalformedInputFuzzIT {

  private static final int MAX_BODY_BYTES = 65_536;
  private static final String MODEL = "tinyllama:latest";
  private static final List<String> ODD_CONTENT_TYPES = List.of("text/plain", "application/xml",
      "application/json; charset=utf-16", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
      "*/*", "application/problem+json", "json", "a b c", "");

  private static RunningPlatform platform;
  private static long seed;
  private static Random random;
  private static FuzzReport report;
  private static String conversationId;

  @BeforeAll
  static void start() throws Exception {
    seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println("MalformedInputFuzzIT seed " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
    random = new Random(seed);
    report = new FuzzReport(seed);
    platform = RunningPlatform.start(new FakeOllamaOptions().tokensPerAnswer(3).tokenDelayMs(1),
        new JsonObject().put("http", new JsonObject().put("max_body_bytes", MAX_BODY_BYTES)));
    Reply first = platform.postAndRead("/api/v1/chat", RunningPlatform.chat("a conversation the fuzzer must not touch"));
    assertThat(first.status()).isEqualTo(200);
    conversationId = first.json().getString("conversation_id");
    // A read of the conversation waits for its exchange to be written, so the fingerprints taken next include it.
    assertThat(platform.get("/api/v1/conversations/" + conversationId).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  /** Verifies that malformed input of every kind is refused with a 4xx problem and changes nothing. */
  @Test
  void malformedInputIsRefusedAndChangesNothing() {
    String conversations = platform.fingerprint("conversations");
    String messages = platform.fingerprint("messages");
    long modelRequests = platform.ollama.recorder().requests().size();

    brokenBodies(60);
    badParameters(150);
    oddMethodsAndHeaders(80);
    rawRequests(MalformedHttp.cases(random, platform.port, platform.defaultAuthorization()));
    malformedFrames(200);

    System.out.println(report.summary());
    assertThat(report.sent()).as("requests and frames sent").isGreaterThanOrEqualTo(1_000);
    assertThat(report.violations()).as(report.summary()).isEmpty();
    assertThat(platform.ollama.recorder().requests()).as("requests that reached the model").hasSize((int) modelRequests);
    assertThat(platform.fingerprint("conversations")).as("conversations, seed " + seed).isEqualTo(conversations);
    assertThat(platform.fingerprint("messages")).as("messages, seed " + seed).isEqualTo(messages);
    assertThat(platform.get("/api/v1/system/health").status()).isEqualTo(200);
    Reply good = platform.postAndRead("/api/v1/chat", RunningPlatform.chat("still there?"));
    assertThat(good.status()).isEqualTo(200);
    assertThat(good.json().getJsonObject("message").getString("content")).isNotBlank();
  }

  /** Each route that takes a body, {@code perRoute} broken bodies each, under assorted content types. */
  private void brokenBodies(int perRoute) {
    for (BodyRoute route : BodyRoute.all(conversationId, MODEL)) {
      for (int i = 0; i < perRoute; i++) {
        Broken body = route.bodies().next(random, MAX_BODY_BYTES);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
            .add("Content-Type", random.nextInt(5) == 0 ? MalformedBodies.pick(random, ODD_CONTENT_TYPES)
                : "application/json");
        if (random.nextInt(4) == 0) {
          headers.add("X-Priority", MalformedBodies.pick(random, List.of("urgent", "0", "", "9", "high")));
        }
        if (random.nextInt(4) == 0) {
          headers.add("Accept", "text/event-stream");
        }
        send(route.method(), route.path(), headers, body.bytes(), route + " " + body.how());
      }
    }
  }

  /** Ids, names, cursors and limits that cannot be right, in paths and query strings. */
  private void badParameters(int count) {
    for (int i = 0; i < count; i++) {
      String junk = encode(junk());
      String path = switch (random.nextInt(7)) {
        case 0 -> "/api/v1/conversations/" + junk;
        case 1 -> "/api/v1/conversations?limit=" + MalformedBodies.pick(random,
            List.of("0", "-1", "101", "1e2", "ten", "%%", "", "99999999999", junk));
        case 2 -> "/api/v1/conversations?cursor=" + junk + "!";
        case 3 -> "/api/v1/models/" + junk + "%20x";
        case 4 -> "/v1/models/" + junk + "%3E";
        case 5 -> "/api/v1/conversations/" + UUID.randomUUID() + "?limit=" + junk;
        default -> "/api/v1/" + junk + "/%zz";
      };
      HttpMethod method = path.startsWith("/api/v1/conversations/")
          ? MalformedBodies.pick(random, List.of(HttpMethod.GET, HttpMethod.DELETE)) : HttpMethod.GET;
      if (path.startsWith("/api/v1/models/")) {
        method = HttpMethod.DELETE;
      }
      send(method, path, MultiMap.caseInsensitiveMultiMap(), null, "parameter " + method + " " + path);
    }
  }

  /** Methods no route takes, very long URLs and header values, and odd request ids. */
  private void oddMethodsAndHeaders(int count) {
    List<String> paths = List.of("/api/v1/chat", "/v1/chat/completions", "/api/chat", "/api/generate", "/api/embed",
        "/api/show", "/api/pull", "/api/delete", "/api/v1/models/pull", "/api/v1/conversations",
        "/api/v1/conversations/" + conversationId, "/api/v1/system/health", "/api/tags", "/ws/chat", "/metrics");
    List<HttpMethod> methods = List.of(HttpMethod.PUT, HttpMethod.TRACE, HttpMethod.OPTIONS, HttpMethod.PATCH,
        HttpMethod.HEAD, HttpMethod.POST, HttpMethod.valueOf("PROPFIND"), HttpMethod.valueOf("BREW"));
    for (int i = 0; i < count; i++) {
      String path = MalformedBodies.pick(random, paths);
      MultiMap headers = MultiMap.caseInsensitiveMultiMap();
      HttpMethod method = MalformedBodies.pick(random, methods);
      switch (random.nextInt(4)) {
        case 0 -> path = path + "?" + "q=" + "x".repeat(5_000 + random.nextInt(20_000));
        case 1 -> headers.add("X-Fuzz", "v".repeat(9_000 + random.nextInt(20_000)));
        case 2 -> headers.add("X-Request-ID", MalformedBodies.pick(random, List.of("<script>", "a".repeat(500), "\t")));
        default -> method = path.equals("/api/v1/conversations/" + conversationId)
            ? HttpMethod.PUT : MalformedBodies.pick(random, methods);
      }
      if (method == HttpMethod.POST && !path.contains("?")) {
        headers.add("Content-Type", "application/json");
        send(method, path, headers, Buffer.buffer("{\"" + "k".repeat(10) + "\":"), "odd " + method + " " + path);
      } else {
        send(method, path, headers, null, "odd " + method + " " + path.substring(0, Math.min(path.length(), 80)));
      }
    }
  }

  /** Malformed HTTP written straight onto sockets, all at once since some are left hanging until a timeout. */
  private void rawRequests(List<MalformedHttp.Case> cases) {
    RawExchange raw = new RawExchange(platform.vertx, platform.port);
    List<Future<RawExchange.Answer>> answers = new ArrayList<>();
    cases.forEach(c -> answers.add(raw.send(c.bytes())));
    for (int i = 0; i < cases.size(); i++) {
      RawExchange.Answer answer = answers.get(i).await();
      report.raw(cases.get(i).how(), answer);
    }
  }

  /** Malformed {@code /ws/chat} frames on one socket; each must get an error frame and leave the socket open. */
  private void malformedFrames(int count) {
    MalformedBodies frames = BodyRoute.chatFrame();
    try (ChatSocket socket = ChatSocket.open(platform)) {
      int sent = 0;
      for (int i = 0; i < count; i++) {
        int kind = random.nextInt(10);
        if (kind == 0) {
          socket.sendBinary(Buffer.buffer("{\"type\":\"chat\"}"));
        } else if (kind == 1) {
          socket.sendText(new JsonObject().put("type", "cancel").put("id", "none-" + i).encode());
        } else {
          Broken frame = frames.nextText(random, MAX_BODY_BYTES);
          socket.sendText(frame.bytes().toString(StandardCharsets.UTF_8));
        }
        sent++;
        report.counted();
      }
      int expected = sent;
      Eventually.until(expected + " answers to malformed frames", () -> socket.frames().size() >= expected);
      socket.frames().forEach(frame -> report.frame(frame));
    }
  }

  private void send(HttpMethod method, String path, MultiMap headers, Buffer body, String how) {
    if (!headers.contains("Authorization")) {
      headers.set("Authorization", platform.defaultAuthorization());
    }
    Reply reply = platform.onContext(() -> platform.http.request(new RequestOptions().setMethod(method).setURI(path)
            .setIdleTimeout(15_000))
            .compose(request -> {
              request.headers().addAll(headers);
              return body == null ? request.send() : request.send(body);
            })
            .compose(response -> response.body().map(b -> new Reply(response.statusCode(), response.headers(), b))))
        .recover(failure -> Future.succeededFuture(new Reply(0, MultiMap.caseInsensitiveMultiMap(),
            Buffer.buffer(String.valueOf(failure.getMessage())))))
        .await();
    report.http(how, method, reply);
  }

  private String junk() {
    String alphabet = "abcXYZ019-_.~!$&'()*+,;=:@/?#[]%\"<>\\^`{|} \t\u00e9\u4e2d\ud83d\ude00\u0000\u202e";
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(6) == 0 ? 2_000 : 1 + random.nextInt(40);
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
          random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
    }
    return text.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
