package ai.sutazai.gateway.task;

import ai.sutazai.gateway.http.InvalidField;
import ai.sutazai.gateway.http.ProblemResponses;
import ai.sutazai.gateway.http.RequestIdHandler;
import ai.sutazai.gateway.storage.StorageClient;
import ai.sutazai.gateway.stream.StallGuard;
import ai.sutazai.gateway.stream.StreamDialect;
import ai.sutazai.gateway.stream.StreamMeters;
import ai.sutazai.gateway.stream.StreamTransport;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code GET /api/v1/tasks/{id}/events} stream: every recorded status change of the task as an
 * {@code event: status} whose {@code id} is the event's and whose data is the event
 * ({@code {"id", "task_id", "status", "at", "detail"}}), from the first (or after {@code Last-Event-ID}), then live
 * until the task is final, when the stream ends. Events are always read from storage after the last id sent, on
 * each {@link StorageAddresses#TASK_CHANGES} of the task and every {@value #SAFETY_NET_MS} ms, so none is missed
 * or sent twice; a comment line every {@value #HEARTBEAT_MS} ms keeps proxies from closing a quiet stream. An
 * unknown task keeps its 404; a storage failure after the 200 ends the stream with an {@code event: error}.
 * A client that leaves or stops reading ends everything the stream holds.
 */
final class TaskEventStream {

  static final String LAST_EVENT_ID = "Last-Event-ID";
  static final long SAFETY_NET_MS = 2_000;
  static final long HEARTBEAT_MS = 15_000;
  /** The most events asked of storage at once; a full page is followed by the next at once. */
  static final int PAGE = 200;

  private static final Logger log = LoggerFactory.getLogger(TaskEventStream.class);
  private static final Pattern EVENT_ID = Pattern.compile("[0-9]{1,18}");
  private static final String HEARTBEAT = ": heartbeat\n\n";

  private final Vertx vertx;
  private final RoutingContext ctx;
  private final HttpServerResponse response;
  private final StorageClient storage;
  private final String owner;
  private final String taskId;
  private final String requestId;
  private final int bufferBytes;
  private final StreamMeters meters;
  private long lastId;
  private MessageConsumer<JsonObject> changes;
  private StreamMeters.OpenStream stream;
  private StallGuard guard;
  private long safetyNet = -1;
  private long heartbeat = -1;
  private boolean reading;
  private boolean readAgain;
  private boolean stopped;

  TaskEventStream(Vertx vertx, RoutingContext ctx, StorageClient storage, String owner, String taskId, long after,
      int bufferBytes, StreamMeters meters) {
    this.vertx = vertx;
    this.ctx = ctx;
    this.response = ctx.response();
    this.storage = storage;
    this.owner = owner;
    this.taskId = taskId;
    this.requestId = RequestIdHandler.of(ctx);
    this.lastId = after;
    this.bufferBytes = bufferBytes;
    this.meters = meters;
  }

  /**
   * The id to continue after: the {@code Last-Event-ID} header, or 0 (from the first event) without one.
   *
   * @throws ai.sutazai.verticles.problem.ProblemException 400 when it is not an event id this stream sent
   */
  static long lastEventId(String header) {
    if (header == null || header.isEmpty()) {
      return 0;
    }
    if (!EVENT_ID.matcher(header).matches()) {
      throw InvalidField.at("header " + LAST_EVENT_ID, "must be the id of an event of this stream (a whole number)");
    }
    return Long.parseLong(header);
  }

  void start() {
    // Subscribed before the first read, so a change recorded while it runs triggers another read.
    changes = vertx.eventBus().localConsumer(StorageAddresses.TASK_CHANGES, message -> {
      if (message.body() != null && taskId.equals(message.body().getString("task_id"))) {
        read();
      }
    });
    // Runs when the response ends and when the client leaves first.
    ctx.addEndHandler(ended -> stop());
    read();
  }

  private void read() {
    if (stopped) {
      return;
    }
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    readAgain = false;
    JsonObject request = new JsonObject().put("id", taskId).put("owner", owner).put("after", lastId)
        .put("limit", PAGE);
    storage.ask(StorageAddresses.TASK_EVENTS, request, requestId).onComplete(done -> {
      reading = false;
      if (stopped) {
        return;
      }
      if (done.failed()) {
        fail(done.cause());
      } else {
        deliver(done.result());
      }
    });
  }

  private void deliver(JsonObject reply) {
    if (stream == null) {
      commit();
    }
    JsonArray events = reply.getJsonArray("events", new JsonArray());
    for (Object item : events) {
      JsonObject event = (JsonObject) item;
      write(StreamDialect.sseEvent(event.getValue("id"), "status", event));
      lastId = event.getLong("id", lastId);
      if (stopped) {
        return;
      }
    }
    if (events.size() >= PAGE || readAgain) {
      read();
    } else if (reply.getBoolean("final", false)) {
      response.end();
    }
  }

  private void commit() {
    stream = meters.open(StreamTransport.SSE);
    guard = new StallGuard(response, bufferBytes, requestId, this::abandon);
    response.setStatusCode(200).setChunked(true);
    StreamDialect.sseHeaders(response.headers());
    response.writeHead();
    safetyNet = vertx.setPeriodic(SAFETY_NET_MS, id -> read());
    heartbeat = vertx.setPeriodic(HEARTBEAT_MS, id -> write(HEARTBEAT));
  }

  private void write(String frame) {
    if (stopped || guard.stalled()) {
      return;
    }
    stream.wrote(frame);
    response.write(frame);
    guard.wrote();
  }

  private void fail(Throwable failure) {
    if (stream == null) {
      stop();
      ctx.fail(failure);
      return;
    }
    Problem problem = Problem.of(failure);
    log.warn("[{}] the events of task {} could not be read: {} {}", requestId, taskId, problem.status(),
        problem.detail());
    String frame = StreamDialect.sseEvent("error", ProblemResponses.body(problem, requestId, ctx.request().path()));
    stream.wrote(frame);
    response.end(frame);
  }

  private void abandon() {
    stop();
    response.reset();
  }

  private void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    changes.unregister();
    vertx.cancelTimer(safetyNet);
    vertx.cancelTimer(heartbeat);
    if (stream != null) {
      stream.close();
    }
  }
}
