package ai.sutazai.verticles.inference.client;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.inference.InferenceAddresses;
import ai.sutazai.verticles.inference.InferenceEvent;
import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** What an {@link InferenceCall} does when its SUBMIT or PULL is not acknowledged. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InferenceCallTest {

  private static final long ACK_TIMEOUT_MS = 300;
  private static final long WAIT_SECONDS = 20;

  private Vertx vertx;
  private InferenceClient client;
  private final Promise<String> firstCancel = Promise.promise();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    client = new InferenceClient(vertx, new JsonObject(), ACK_TIMEOUT_MS);
    vertx.eventBus().<JsonObject>consumer(InferenceAddresses.CANCEL,
        m -> firstCancel.tryComplete(m.body().getString("id"))).completion().await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Starts a call on an event loop; its first event completes the returned promise. */
  private Promise<JsonObject> startCall(BiConsumer<InferenceCall, Promise<JsonObject>> start) {
    Promise<JsonObject> firstEvent = Promise.promise();
    vertx.runOnContext(v -> start.accept(client.call("req-1"), firstEvent));
    return firstEvent;
  }

  private static void submit(InferenceCall call, Handler<JsonObject> events) {
    call.submit(InferenceKind.CHAT, "m", null, Priority.NORMAL, 0, new JsonObject(), events);
  }

  /** Verifies that a SUBMIT whose acknowledgement times out fails the call with 504 and sends CANCEL for it. */
  @Test
  void cancelsASubmissionWhoseAcknowledgementTimesOut() throws Exception {
    vertx.eventBus().<JsonObject>consumer(InferenceAddresses.SUBMIT, m -> { })
        .completion().await(WAIT_SECONDS, TimeUnit.SECONDS);
    String[] id = new String[1];

    JsonObject event = startCall((call, first) -> {
      id[0] = call.id();
      submit(call, first::tryComplete);
    }).future().await(WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(InferenceEvent.type(event)).isEqualTo(InferenceEvent.ERROR);
    assertThat(InferenceEvent.problemOf(event).status()).isEqualTo(504);
    assertThat(firstCancel.future().await(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(id[0]);
  }

  /** Verifies that a PULL whose acknowledgement times out fails the call and sends CANCEL for it. */
  @Test
  void cancelsAPullWhoseAcknowledgementTimesOut() throws Exception {
    vertx.eventBus().<JsonObject>consumer(InferenceAddresses.PULL, m -> { })
        .completion().await(WAIT_SECONDS, TimeUnit.SECONDS);
    String[] id = new String[1];

    JsonObject event = startCall((call, first) -> {
      id[0] = call.id();
      call.pull("phi3:mini", new JsonObject(), first::tryComplete);
    }).future().await(WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(InferenceEvent.problemOf(event).status()).isEqualTo(504);
    assertThat(firstCancel.future().await(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(id[0]);
  }

  /**
   * Verifies that a refusal the inference verticle answered sends no CANCEL: a marker CANCEL sent
   * after the error event, from the same event loop, is the first one to arrive.
   */
  @Test
  void sendsNoCancelAfterARefusal() throws Exception {
    Problem full = ProblemType.QUEUE_FULL.problem("the normal level is full");
    vertx.eventBus().<JsonObject>consumer(InferenceAddresses.SUBMIT, m -> m.reply(full.asReplyException()))
        .completion().await(WAIT_SECONDS, TimeUnit.SECONDS);

    JsonObject event = startCall((call, first) -> submit(call, e -> {
      vertx.eventBus().send(InferenceAddresses.CANCEL, new JsonObject().put("id", "marker"));
      first.tryComplete(e);
    })).future().await(WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(InferenceEvent.problemOf(event)).isEqualTo(full);
    assertThat(firstCancel.future().await(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("marker");
  }
}
