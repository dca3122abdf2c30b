package ai.sutazai.launcher.e2e;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Requests no HTTP client sends, as bytes for {@link RawExchange}: conflicting lengths, broken
 * chunking, header lines without a colon or with spaces in the name, folded headers, unknown
 * methods and versions, control bytes and non-ASCII bytes in the request line, over-long lines,
 * and a WebSocket text frame whose payload is not UTF-8.
 */
final class MalformedHttp {

  private static final List<String> PATHS = List.of("/api/v1/chat", "/v1/chat/completions", "/api/chat",
      "/api/v1/conversations", "/api/v1/system/health", "/api/v1/models/pull", "/api/embed", "/ws/chat");
  private static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":\"raw\"}],\"bad\":1}";

  private MalformedHttp() {
  }

  /** A malformed request and how it is malformed. */
  record Case(String how, Buffer bytes) {
  }

  /** The cases, each sending {@code authorization} (a whole header value) so that it gets past authentication. */
  static List<Case> cases(Random random, int port, String authorization) {
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String path = MalformedBodies.pick(random, PATHS);
      String host = "Host: 127.0.0.1:" + port + "\r\nAuthorization: " + authorization + "\r\n";
      String json = "Content-Type: application/json\r\n";
      cases.add(raw("two different Content-Length", "POST " + path + " HTTP/1.1\r\n" + host + json
          + "Content-Length: " + BODY.length() + "\r\nContent-Length: 3\r\nConnection: close\r\n\r\n" + BODY));
      cases.add(raw("Content-Length with Transfer-Encoding", "POST " + path + " HTTP/1.1\r\n" + host + json
          + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n"));
      cases.add(raw("chunk size not hex", "POST " + path + " HTTP/1.1\r\n" + host + json
          + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n" + BODY + "\r\n0\r\n\r\n"));
      cases.add(raw("negative Content-Length", "POST " + path + " HTTP/1.1\r\n" + host + json
          + "Content-Length: -" + random.nextInt(100) + "\r\nConnection: close\r\n\r\n" + BODY));
      cases.add(raw("Content-Length not a number", "POST " + path + " HTTP/1.1\r\n" + host + json
          + "Content-Length: lots\r\nConnection: close\r\n\r\n" + BODY));
      cases.add(raw("header line without a colon", "GET " + path + " HTTP/1.1\r\n" + host
          + "NoColonHere\r\nConnection: close\r\n\r\n"));
      cases.add(raw("space in a header name", "GET " + path + " HTTP/1.1\r\n" + host
          + "Bad Header: x\r\nConnection: close\r\n\r\n"));
      cases.add(raw("folded header", "GET " + path + " HTTP/1.1\r\n" + host
          + "X-Folded: a\r\n  b\r\nConnection: close\r\n\r\n"));
      cases.add(raw("unknown method", MalformedBodies.pick(random, List.of("FOO", "G3T", "GET\u0001", "SEARCH", "CONNECT"))
          + " " + path + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n"));
      cases.add(raw("unknown version", "GET " + path + " HTTP/" + MalformedBodies.pick(random, List.of("9.9", "1.x", "", "0.9"))
          + "\r\n" + host + "Connection: close\r\n\r\n"));
      cases.add(raw("bare line feeds", "GET " + path + " HTTP/1.1\n" + host.trim() + "\nConnection: close\n\n"));
      cases.add(raw("no version", "GET " + path + "\r\n\r\n"));
      cases.add(bytes("control and non-ASCII bytes in the path", request("GET " + path + "/", new byte[] {0, (byte) 0xFF,
          (byte) 0xC3, 0x28, 0x7F}, " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n")));
      cases.add(raw("request line over 64 KB", "GET " + path + "?" + "a".repeat(65_536 + random.nextInt(1_000))
          + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n"));
      cases.add(raw("200 header lines", "GET " + path + " HTTP/1.1\r\n" + host
          + "X-Many: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".repeat(200) + "Connection: close\r\n\r\n"));
      cases.add(raw("body shorter than its Content-Length", "POST " + path + " HTTP/1.1\r\n" + host + json
          + "Content-Length: 100000\r\nConnection: close\r\n\r\n{\"messages\":"));
      cases.add(raw("garbage instead of a request", Base64.getEncoder().encodeToString(randomBytes(random, 64))
          + "\r\n\r\n"));
      cases.add(invalidUtf8Frame(random, port, authorization));
    }
    return cases;
  }

  /** A WebSocket upgrade to {@code /ws/chat}, then one masked text frame whose payload is not UTF-8. */
  private static Case invalidUtf8Frame(Random random, int port, String authorization) {
    byte[] payload = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, 0x28, (byte) 0xFF, '"', '}'};
    byte[] mask = randomBytes(random, 4);
    Buffer frame = Buffer.buffer().appendByte((byte) 0x81).appendByte((byte) (0x80 | payload.length)).appendBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.appendByte((byte) (payload[i] ^ mask[i % 4]));
    }
    String upgrade = "GET /ws/chat HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + authorization
        + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(randomBytes(random, 16))
        + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    return new Case("WebSocket text frame that is not UTF-8", Buffer.buffer(upgrade).appendBuffer(frame));
  }

  private static byte[] request(String head, byte[] middle, String tail) {
    Buffer buffer = Buffer.buffer(head.getBytes(StandardCharsets.US_ASCII)).appendBytes(middle)
        .appendBytes(tail.getBytes(StandardCharsets.US_ASCII));
    return buffer.getBytes();
  }

  private static byte[] randomBytes(Random random, int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  private static Case raw(String how, String request) {
    return new Case(how, Buffer.buffer(request.getBytes(StandardCharsets.ISO_8859_1)));
  }

  private static Case bytes(String how, byte[] request) {
    return new Case(how, Buffer.buffer(request));
  }
}
