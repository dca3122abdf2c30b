package ai.sutazai.launcher.e2e;

import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the fuzzer saw: how many requests and frames it sent, how often each status came back, and
 * every answer that broke a rule (a 5xx, a 4xx that is not problem+json, no answer to a
 * well-formed request), each with the seed and what was sent.
 */
final class FuzzReport {

  private final long seed;
  private final Map<Integer, Integer> statuses = new TreeMap<>();
  private final List<String> violations = new ArrayList<>();
  private int sent;

  FuzzReport(long seed) {
    this.seed = seed;
  }

  /** An answer to a request sent with the HTTP client; status 0 means none came. */
  void http(String how, HttpMethod method, Reply reply) {
    counted();
    statuses.merge(reply.status(), 1, Integer::sum);
    if (reply.status() == 0) {
      violate(how, "no answer: " + reply.body());
    } else {
      check(how, reply.status(), reply.contentType(), method == HttpMethod.HEAD ? null : reply.body().toString());
    }
  }

  /** An answer read off a raw socket; no answer at all is allowed there, the request not being HTTP. */
  void raw(String how, RawExchange.Answer answer) {
    counted();
    statuses.merge(answer.status(), 1, Integer::sum);
    if (answer.status() != 0 && answer.status() != 101) {
      boolean chunked = "chunked".equalsIgnoreCase(answer.header("transfer-encoding"));
      check("raw " + how, answer.status(), answer.header("content-type"), chunked ? null : answer.body());
    }
  }

  /** An answer frame of {@code /ws/chat}: every malformed frame must get an error frame with a 4xx status. */
  void frame(JsonObject frame) {
    int status = frame.getInteger("status", 0);
    statuses.merge(status, 1, Integer::sum);
    if (!"error".equals(frame.getString("type")) || status < 400 || status >= 500) {
      violate("frame", "answered " + frame.encode());
    }
  }

  void counted() {
    sent++;
  }

  private void check(String how, int status, String contentType, String body) {
    if (status >= 500) {
      violate(how, "answered " + status + " " + body);
    } else if (status >= 400) {
      if (contentType == null || !contentType.startsWith("application/problem+json")) {
        violate(how, "answered " + status + " as " + contentType);
      } else if (body != null) {
        try {
          if (new JsonObject(body).getInteger("status", 0) != status) {
            violate(how, "answered " + status + " with a problem of another status: " + body);
          }
        } catch (DecodeException | ClassCastException e) {
          violate(how, "answered " + status + " with a body that is not a problem: " + body);
        }
      }
    }
  }

  private void violate(String how, String what) {
    String shortHow = how.length() > 200 ? how.substring(0, 200) + "..." : how;
    String shortWhat = what.length() > 300 ? what.substring(0, 300) + "..." : what;
    violations.add("seed " + seed + ": " + shortHow + " -> " + shortWhat);
  }

  int sent() {
    return sent;
  }

  List<String> violations() {
    return violations;
  }

  String summary() {
    return "fuzz seed " + seed + ": " + sent + " requests and frames, statuses " + statuses + ", "
        + violations.size() + " violations" + (violations.isEmpty() ? "" : "\n  " + String.join("\n  ", violations));
  }
}
