package ai.sutazai.gateway.agent;

import ai.sutazai.gateway.auth.Caller;
import ai.sutazai.gateway.auth.Role;
import ai.sutazai.gateway.http.JsonBodies;
import ai.sutazai.gateway.stream.ErrorFrame;
import ai.sutazai.gateway.stream.SocketWriter;
import ai.sutazai.gateway.stream.StreamMeters;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * One {@code /ws/agents} connection: sends every {@link StorageAddresses#TASK_CHANGES} event the caller may see
 * as {@code {"type": "task", ...event}} with the event's own {@code type} (the task's type) as {@code task_type}
 * (admins and operators every task, other roles only the tasks they own),
 * answers {@code {"type": "ping"}} with {@code {"type": "pong"}} and anything else with an error frame. A client
 * that leaves more than {@code http.stream_buffer_bytes} unread is closed with 1013 (try again later); on server
 * shutdown the socket closes with 1001. Counts as an open WebSocket stream until it closes.
 */
final class TaskChangeSocket {

  /** The close code for a client that fell too far behind: WebSocket's "try again later". */
  static final short TOO_SLOW = 1013;

  private final Vertx vertx;
  private final ServerWebSocket socket;
  private final Caller caller;
  private final String requestId;
  private final int bufferBytes;
  private final StreamMeters meters;
  private MessageConsumer<JsonObject> changes;
  private SocketWriter writer;
  private boolean closed;

  TaskChangeSocket(Vertx vertx, ServerWebSocket socket, Caller caller, String requestId, int bufferBytes,
      StreamMeters meters) {
    this.vertx = vertx;
    this.socket = socket;
    this.caller = caller;
    this.requestId = requestId;
    this.bufferBytes = bufferBytes;
    this.meters = meters;
  }

  void start() {
    writer = new SocketWriter(socket, bufferBytes, requestId, this::tooSlow, meters);
    changes = vertx.eventBus().localConsumer(StorageAddresses.TASK_CHANGES, message -> onChange(message.body()));
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(b -> send(ErrorFrame.of(ProblemType.INVALID_REQUEST.problem(
        "binary frames are not supported; send {\"type\":\"ping\"} as a text frame"), requestId)));
    socket.closeHandler(v -> stop());
    socket.shutdownHandler(v -> close((short) 1001, "server shutting down"));
  }

  private void onChange(JsonObject event) {
    if (event != null && visible(event)) {
      JsonObject frame = new JsonObject().put("type", "task");
      event.forEach(member -> frame.put(member.getKey().equals("type") ? "task_type" : member.getKey(),
          member.getValue()));
      send(frame);
    }
  }

  private boolean visible(JsonObject event) {
    return caller.role() == Role.ADMIN || caller.role() == Role.OPERATOR
        || caller.subject().equals(event.getString("owner"));
  }

  private void onText(String text) {
    try {
      JsonObject frame = JsonBodies.parse(text);
      if ("ping".equals(frame.getValue("type"))) {
        send(new JsonObject().put("type", "pong"));
        return;
      }
      sendError(ProblemType.INVALID_REQUEST.problem("only {\"type\":\"ping\"} is understood here; "
          + "task events arrive without asking"));
    } catch (ProblemException e) {
      sendError(e.problem());
    }
  }

  private void sendError(Problem problem) {
    send(ErrorFrame.of(problem, requestId));
  }

  private void send(JsonObject frame) {
    if (!closed) {
      writer.send(frame);
    }
  }

  private void tooSlow() {
    close(TOO_SLOW, "client too slow: more than http.stream_buffer_bytes unread");
  }

  private void close(short code, String reason) {
    if (!closed) {
      stop();
      socket.close(code, reason);
    }
  }

  private void stop() {
    if (!closed) {
      closed = true;
      changes.unregister();
      writer.closed();
    }
  }
}
