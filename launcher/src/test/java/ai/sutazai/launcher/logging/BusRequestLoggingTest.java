package ai.sutazai.launcher.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.bus.RequestLogContext;
import ai.sutazai.verticles.bus.ServiceRequests;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * A line logged through SLF4J (as SutazAI's code logs) while a consumer wrapped by {@link RequestLogContext} handles
 * an event-bus request carries the request id the caller sent with {@link ServiceRequests}, through
 * java.util.logging to the JSON and text formats; a line logged afterwards on the same thread does not.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BusRequestLoggingTest {

  private static final String ADDRESS = "test.bus-request-logging";
  private static final String LOGGER = "ai.sutazai.test.BusRequestLogging";

  private final List<String> json = new CopyOnWriteArrayList<>();
  private final List<String> text = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    private final JsonLogFormatter jsonFormat = new JsonLogFormatter();
    private final LogLineFormatter textFormat = new LogLineFormatter();

    @Override
    public void publish(LogRecord record) {
      json.add(jsonFormat.format(record));
      text.add(textFormat.format(record));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  @BeforeEach
  void captureLines() {
    Logger.getLogger(LOGGER).addHandler(capture);
    Logger.getLogger(LOGGER).setLevel(Level.INFO);
  }

  @AfterEach
  void stopCapturing() {
    Logger.getLogger(LOGGER).removeHandler(capture);
  }

  /** Verifies that the handler's line names the request and the line after it does not. */
  @Test
  void theHandlersLineCarriesTheRequestId(Vertx vertx) {
    org.slf4j.Logger log = LoggerFactory.getLogger(LOGGER);
    vertx.eventBus().<JsonObject>consumer(ADDRESS, RequestLogContext.around(message -> {
      log.info("handling {}", message.body().getString("what"));
      vertx.runOnContext(later -> {
        log.info("after the handler");
        message.reply(new JsonObject());
      });
    })).completion().await();

    vertx.eventBus().request(ADDRESS, new JsonObject().put("what", "a status request"),
        ServiceRequests.delivery("req-42", 5_000)).await();

    assertThat(json).hasSize(2);
    JsonObject during = new JsonObject(json.get(0));
    assertThat(during.getString("message")).isEqualTo("handling a status request");
    assertThat(during.getString("request_id")).isEqualTo("req-42");
    assertThat(during.getString("thread")).startsWith("vert.x-eventloop-thread-");
    assertThat(new JsonObject(json.get(1)).containsKey("request_id")).isFalse();
    assertThat(text.get(0)).contains(" BusRequestLogging [req-42] - handling a status request");
    assertThat(text.get(1)).contains(" BusRequestLogging - after the handler");
  }
}
