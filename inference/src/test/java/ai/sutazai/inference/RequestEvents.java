package ai.sutazai.inference;

import ai.sutazai.verticles.inference.InferenceEvent;
import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** The events one test request received at its reply address, and its acknowledgement. */
final class RequestEvents {

  private final String id;
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();
  private final Promise<JsonObject> terminal = Promise.promise();
  private final Promise<JsonObject> started = Promise.promise();
  private Future<Object> ack;

  RequestEvents(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }

  void receive(JsonObject event) {
    events.add(event);
    String type = InferenceEvent.type(event);
    if (type.equals(InferenceEvent.STARTED)) {
      started.tryComplete(event);
    } else if (type.equals(InferenceEvent.DONE) || type.equals(InferenceEvent.ERROR)) {
      if (!terminal.tryComplete(event)) {
        throw new AssertionError("request " + id + " got a second terminal event: " + event);
      }
    }
  }

  void ack(Future<Object> ack) {
    this.ack = ack;
  }

  /** The reply to the submission: {@code {"queued":true}} or a failure. */
  Future<Object> ack() {
    return ack;
  }

  /** The problem the submission was refused with. */
  Problem refusal() {
    Throwable failure = ack.transform(result -> Future.succeededFuture(result.cause())).await();
    if (failure == null) {
      throw new AssertionError("request " + id + " was accepted, not refused");
    }
    return Problem.of(failure);
  }

  Future<JsonObject> started() {
    return started.future();
  }

  /** Completes with the {@code done} or {@code error} event. */
  Future<JsonObject> terminal() {
    return terminal.future();
  }

  /** Waits for the terminal event and returns its problem, failing when it was {@code done}. */
  Problem awaitProblem() {
    JsonObject event = terminal.future().await();
    if (!InferenceEvent.type(event).equals(InferenceEvent.ERROR)) {
      throw new AssertionError("request " + id + " ended with " + event + ", not an error");
    }
    return InferenceEvent.problemOf(event);
  }

  /** Waits for the terminal event, failing when it was an error. */
  JsonObject awaitDone() {
    JsonObject event = terminal.future().await();
    if (!InferenceEvent.type(event).equals(InferenceEvent.DONE)) {
      throw new AssertionError("request " + id + " ended with " + event + ", not done");
    }
    return event;
  }

  List<JsonObject> events() {
    return List.copyOf(events);
  }

  List<String> types() {
    return events.stream().map(InferenceEvent::type).toList();
  }

  /** The concatenated content of every token event. */
  String text() {
    return events.stream().filter(e -> InferenceEvent.type(e).equals(InferenceEvent.TOKEN))
        .map(e -> e.getString("content")).collect(Collectors.joining());
  }
}
