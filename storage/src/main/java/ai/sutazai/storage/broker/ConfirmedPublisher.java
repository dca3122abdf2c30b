package ai.sutazai.storage.broker;

import ai.sutazai.verticles.problem.ProblemType;
import com.rabbitmq.client.AMQP;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQConfirmation;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Publishes with publisher confirms: each publish's future completes when the broker confirmed it, fails when
 * the broker refused it (nack), when the connection is lost first, or when no confirm came within the
 * timeout. Publishes are serialised through {@link BrokerConnection#serially} so that each one learns its own
 * delivery tag.
 */
final class ConfirmedPublisher {

  private static final int CONFIRM_QUEUE = 1_000_000;

  private final Vertx vertx;
  private final BrokerConnection connection;
  private final Duration timeout;
  private final ConcurrentNavigableMap<Long, Promise<Void>> unconfirmed = new ConcurrentSkipListMap<>();
  private volatile RabbitMQClient confirming;

  ConfirmedPublisher(Vertx vertx, BrokerConnection connection, Duration timeout) {
    this.vertx = vertx;
    this.connection = connection;
    this.timeout = timeout;
    connection.onLoss(gone -> {
      confirming = null;
      failAll("the connection to RabbitMQ was lost before the broker confirmed");
    });
  }

  /** Turns confirms on for every connection; call before the connection starts. */
  Future<Void> install() {
    return connection.prepareEachConnection(client -> client.addConfirmListener(CONFIRM_QUEUE)
        .map(confirms -> {
          confirming = client;
          confirms.handler(confirmation -> {
            if (confirming == client) {
              confirmed(confirmation);
            }
          });
          confirms.resume();
          return null;
        }));
  }

  /** Publishes {@code body}; the future completes once the broker has confirmed it. */
  Future<Void> publish(String exchange, String routingKey, AMQP.BasicProperties properties, Buffer body,
      String what) {
    Promise<Void> confirmed = Promise.promise();
    connection.call(null, client -> connection.serially(() -> send(client, exchange, routingKey, properties, body,
        confirmed)), what).onFailure(confirmed::tryFail);
    long timer = vertx.setTimer(timeout.toMillis(), id -> confirmed.tryFail(ProblemType.STORAGE_UNAVAILABLE
        .problem("RabbitMQ at " + connection.endpoint() + " did not confirm within " + timeout.toMillis()
            + " ms: cannot " + what).asException()));
    return confirmed.future().andThen(done -> vertx.cancelTimer(timer));
  }

  private Future<Void> send(RabbitMQClient client, String exchange, String routingKey,
      AMQP.BasicProperties properties, Buffer body, Promise<Void> confirmed) {
    long[] tag = {-1};
    return client.basicPublishWithDeliveryTag(exchange, routingKey, properties, body, deliveryTag -> {
      tag[0] = deliveryTag;
      unconfirmed.put(deliveryTag, confirmed);
    }).onFailure(failure -> {
      unconfirmed.remove(tag[0]);
      confirmed.tryFail(failure);
    });
  }

  private void confirmed(RabbitMQConfirmation confirmation) {
    Map<Long, Promise<Void>> settled = confirmation.isMultiple()
        ? unconfirmed.headMap(confirmation.getDeliveryTag(), true)
        : unconfirmed.subMap(confirmation.getDeliveryTag(), true, confirmation.getDeliveryTag(), true);
    for (Promise<Void> promise : settled.values()) {
      if (confirmation.isSucceeded()) {
        promise.tryComplete();
      } else {
        promise.tryFail(ProblemType.STORAGE_UNAVAILABLE
            .problem("RabbitMQ at " + connection.endpoint() + " refused the message (nack)").asException());
      }
    }
    settled.clear();
  }

  private void failAll(String reason) {
    while (!unconfirmed.isEmpty()) {
      Map.Entry<Long, Promise<Void>> first = unconfirmed.pollFirstEntry();
      if (first != null) {
        first.getValue().tryFail(ProblemType.STORAGE_UNAVAILABLE.problem(reason).asException());
      }
    }
  }
}
