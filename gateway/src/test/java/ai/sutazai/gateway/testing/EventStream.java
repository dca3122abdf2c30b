package ai.sutazai.gateway.testing;

import io.vertx.core.Promise;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A server-sent event stream as it arrives, read from the JUnit thread with a deadline. */
public final class EventStream {

  /** One event with its id line. */
  public record Event(String id, String event, String data) {
    public JsonObject json() {
      return new JsonObject(data);
    }
  }

  private final HttpClientResponse response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Promise<Void> ended = Promise.promise();
  private final StringBuilder pending = new StringBuilder();

  EventStream(HttpClientResponse response) {
    this.response = response;
    if (response.statusCode() != 200) {
      throw new AssertionError("the stream answered " + response.statusCode());
    }
    response.handler(buffer -> {
      pending.append(buffer.toString());
      int end;
      while ((end = pending.indexOf("\n\n")) >= 0) {
        parse(pending.substring(0, end));
        pending.delete(0, end + 2);
      }
    });
    response.endHandler(v -> ended.tryComplete());
    response.exceptionHandler(ended::tryFail);
  }

  public HttpClientResponse response() {
    return response;
  }

  /** The next event (comments skipped); fails the test when none arrives in time. */
  public Event next() throws InterruptedException {
    Event event = events.poll(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    if (event == null) {
      throw new AssertionError("no event within " + TestGateway.WAIT_SECONDS + " s");
    }
    return event;
  }

  /** Waits until the server ended the stream; fails the test when it does not in time. */
  public void awaitEnd() throws Exception {
    ended.future().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Whether no event has arrived that was not read yet. */
  public boolean drained() {
    return events.isEmpty();
  }

  /** Hangs up. */
  public void close() throws Exception {
    response.request().connection().close().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private void parse(String block) {
    String id = null;
    String event = null;
    StringBuilder data = new StringBuilder();
    for (String line : block.split("\n")) {
      if (line.startsWith("id: ")) {
        id = line.substring(4);
      } else if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data.append(line.substring(6));
      }
    }
    if (event != null || data.length() > 0) {
      events.add(new Event(id, event, data.toString()));
    }
  }
}
