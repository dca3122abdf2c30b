package ai.sutazai.verticles.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;

/** The request id of an event-bus message in the logging context of its handler. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestLogContextTest {

  private static final String ADDRESS = "test.request-log-context";
  private static final String OTHER = "test.request-log-context.other";

  /** Verifies that a handler sees the request id of the message it handles, and its thread no longer does after. */
  @Test
  void theHandlerSeesTheMessagesRequestId(Vertx vertx) {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    vertx.eventBus().<JsonObject>consumer(ADDRESS, RequestLogContext.around(message -> {
      seen.add("during " + MDC.get(RequestLogContext.KEY));
      vertx.runOnContext(later -> {
        seen.add("after " + MDC.get(RequestLogContext.KEY));
        message.reply(new JsonObject());
      });
    })).completion().await();

    vertx.eventBus().request(ADDRESS, new JsonObject(), ServiceRequests.delivery("req-1", 5_000)).await();
    vertx.eventBus().request(ADDRESS, new JsonObject(), new DeliveryOptions()).await();

    assertThat(seen).containsExactly("during req-1", "after null", "during null", "after null");
  }

  /** Verifies that a run nested in a handler names its own message's id, then restores the outer one. */
  @Test
  void nestedRunsRestoreTheOuterId(Vertx vertx) {
    Promise<Message<JsonObject>> inner = Promise.promise();
    vertx.eventBus().<JsonObject>consumer(OTHER, inner::tryComplete).completion().await();
    vertx.eventBus().send(OTHER, new JsonObject(), ServiceRequests.delivery("req-inner", 5_000));
    Message<JsonObject> innerMessage = inner.future().await();
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    vertx.eventBus().<JsonObject>consumer(ADDRESS, RequestLogContext.around(outer -> {
      RequestLogContext.run(innerMessage, () -> seen.add(MDC.get(RequestLogContext.KEY)));
      seen.add(MDC.get(RequestLogContext.KEY));
      outer.reply(new JsonObject());
    })).completion().await();

    vertx.eventBus().request(ADDRESS, new JsonObject(), ServiceRequests.delivery("req-outer", 5_000)).await();

    assertThat(seen).containsExactly("req-inner", "req-outer");
  }
}
