package ai.sutazai.storage.broker;

import static ai.sutazai.storage.ReconnectSchedule.onContext;

import ai.sutazai.storage.ReconnectSchedule;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.rabbitmq.RabbitMQClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RabbitMQ client that stays up: when its connection or channel dies it is dropped whole and a new one is
 * opened with a doubling backoff, then prepared again by every registered preparation in order (topology,
 * confirm listener, consumers). Every call on the client goes through {@link #call}, which refuses at once
 * while the broker is away and never touches a dead channel: the client would silently open a fresh channel
 * without the consumers and confirm listener of the old one. State is touched on the owner's context only.
 */
final class BrokerConnection {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);

  private final Vertx vertx;
  private final Context context;
  private final BrokerOptions options;
  private final List<Function<RabbitMQClient, Future<Void>>> preparations = new ArrayList<>();
  private final List<Consumer<RabbitMQClient>> lossListeners = new ArrayList<>();
  private final List<Runnable> readyListeners = new ArrayList<>();
  private RabbitMQClient client;
  private RabbitMQClient opening;
  private Future<Void> serial = Future.succeededFuture();
  private final ReconnectSchedule reconnect;
  private boolean closed;
  private long healthTimer = -1;
  private volatile boolean ready;

  BrokerConnection(Vertx vertx, Context context, BrokerOptions options) {
    this.vertx = vertx;
    this.context = context;
    this.options = options;
    this.reconnect = new ReconnectSchedule(vertx, context, options.reconnectInitialDelay(),
        options.reconnectMaxDelay(), this::connect);
  }

  /** Starts the health check and makes the first attempt; succeeds whether the broker answered or not. */
  Future<Void> start() {
    Promise<Void> started = Promise.promise();
    onContext(context, () -> {
      healthTimer = vertx.setPeriodic(options.healthCheckInterval().toMillis(), id -> checkHealth());
      connect().onComplete(attempt -> started.complete());
    });
    return started.future();
  }

  /** Whether the connection is up and every preparation has run on it. */
  boolean ready() {
    return ready;
  }

  String endpoint() {
    return options.endpoint();
  }

  /**
   * Adds {@code preparation}, run on every future connection; while connected it runs at once, and its
   * failure drops the connection. The future completes when it ran (or at once while the broker is away).
   */
  Future<Void> prepareEachConnection(Function<RabbitMQClient, Future<Void>> preparation) {
    Promise<Void> added = Promise.promise();
    onContext(context, () -> {
      preparations.add(preparation);
      RabbitMQClient current = client;
      if (current == null || !ready) {
        added.complete();
        return;
      }
      serially(() -> preparation.apply(current))
          .onFailure(failure -> lost(current, "preparing it failed: " + failure))
          .onComplete(added);
    });
    return added.future();
  }

  /** Removes a preparation added by {@link #prepareEachConnection}. */
  void stopPreparing(Function<RabbitMQClient, Future<Void>> preparation) {
    onContext(context, () -> preparations.remove(preparation));
  }

  /** Calls {@code listener} with the lost client whenever a connection is dropped. */
  void onLoss(Consumer<RabbitMQClient> listener) {
    onContext(context, () -> lossListeners.add(listener));
  }

  /** Calls {@code listener} each time a connection has become ready. */
  void onReady(Runnable listener) {
    onContext(context, () -> readyListeners.add(listener));
  }

  /**
   * Runs {@code operation} on the current client, or on {@code expected} when it is still the current one
   * (a delivery tag is settled only on the connection it came from); fails with a {@code storage-unavailable}
   * problem at once while the broker is away or {@code expected} is gone.
   */
  <T> Future<T> call(RabbitMQClient expected, Function<RabbitMQClient, Future<T>> operation, String what) {
    Promise<T> result = Promise.promise();
    onContext(context, () -> {
      RabbitMQClient current = client;
      if (current == null || !ready || (expected != null && expected != current)) {
        result.fail(unavailable(what));
        return;
      }
      if (!alive(current)) {
        lost(current, "its channel closed");
        result.fail(unavailable(what));
        return;
      }
      operation.apply(current).onComplete(result);
    });
    return result.future();
  }

  /** Runs {@code step} after every step handed to this method before it has completed. */
  <T> Future<T> serially(Supplier<Future<T>> step) {
    Future<T> run = serial.transform(previous -> step.get());
    serial = run.transform(done -> Future.succeededFuture());
    return run;
  }

  Future<Void> close() {
    Promise<Void> closing = Promise.promise();
    onContext(context, () -> {
      closed = true;
      ready = false;
      vertx.cancelTimer(healthTimer);
      reconnect.stop();
      RabbitMQClient open = client;
      client = null;
      if (open != null) {
        lossListeners.forEach(listener -> listener.accept(open));
      }
      (open == null ? Future.<Void>succeededFuture() : open.stop()).onComplete(closing);
    });
    return closing.future();
  }

  private Future<Void> connect() {
    if (closed || opening != null || client != null) {
      return Future.succeededFuture();
    }
    RabbitMQClient fresh = RabbitMQClient.create(vertx, options.clientOptions());
    opening = fresh;
    Promise<Void> attempt = Promise.promise();
    fresh.start()
        .compose(started -> adopt(fresh))
        .onComplete(result -> onContext(context, () -> {
          opening = null;
          if (result.failed()) {
            if (client == fresh) {
              lost(fresh, "preparing it failed: " + result.cause());
            } else {
              fresh.stop().onFailure(failure -> LOG.debug("Stopping a failed RabbitMQ client failed", failure));
              retryLater(result.cause().toString());
            }
          }
          attempt.complete();
        }));
    return attempt.future();
  }

  private Future<Void> adopt(RabbitMQClient fresh) {
    Promise<Void> adopted = Promise.promise();
    onContext(context, () -> {
      if (closed) {
        fresh.stop().onComplete(stopped -> adopted.fail("the task broker is closed"));
        return;
      }
      client = fresh;
      Future<Void> prepared = Future.succeededFuture();
      for (Function<RabbitMQClient, Future<Void>> preparation : List.copyOf(preparations)) {
        prepared = prepared.compose(previous -> serially(() -> preparation.apply(fresh)));
      }
      prepared.onSuccess(done -> onContext(context, () -> {
        if (client != fresh) {
          return;
        }
        ready = true;
        if (reconnect.connected()) {
          LOG.info("Tasks are back on RabbitMQ at {}: topology declared, consumers registered again", endpoint());
        } else {
          LOG.info("Tasks travel through RabbitMQ at {}", endpoint());
        }
        List.copyOf(readyListeners).forEach(Runnable::run);
      })).onComplete(adopted);
    });
    return adopted.future();
  }

  private void checkHealth() {
    RabbitMQClient current = client;
    if (current != null && ready && !alive(current)) {
      lost(current, "the connection or its channel closed");
    } else if (current == null && opening == null && !reconnect.scheduled()) {
      connect();
    }
  }

  private static boolean alive(RabbitMQClient candidate) {
    return candidate.isConnected() && candidate.isOpenChannel();
  }

  private void lost(RabbitMQClient gone, String reason) {
    if (gone != client) {
      return;
    }
    client = null;
    ready = false;
    serial = Future.succeededFuture();
    lossListeners.forEach(listener -> listener.accept(gone));
    gone.stop().onFailure(failure -> LOG.debug("Closing a lost RabbitMQ connection failed", failure));
    retryLater(reason);
  }

  private void retryLater(String reason) {
    if (reconnect.failed()) {
      LOG.warn("RabbitMQ at {} is unreachable ({}); task publishing fails until it is back", endpoint(), reason);
    }
  }

  private RuntimeException unavailable(String what) {
    return ProblemType.STORAGE_UNAVAILABLE
        .problem("the task broker (RabbitMQ at " + endpoint() + ") is unavailable: cannot " + what)
        .asException();
  }
}
