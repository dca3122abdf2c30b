package ai.sutazai.storage.broker;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQConsumer;
import io.vertx.rabbitmq.RabbitMQMessage;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of one queue, registered again on every connection: it declares what it consumes, sets the
 * prefetch, and hands each message to a processor whose future says how the message is settled. A message is
 * settled only on the connection it came from; after a reconnect the broker delivers it again instead. Once
 * cancelled, messages the broker had already sent are put back in the queue unprocessed.
 */
final class QueueConsumer implements BrokerSubscription {

  /** How a processed message is settled. */
  enum Settlement {
    /** Done: acknowledge it. */
    ACK,
    /** Refuse it without requeue, so that the queue dead-letters it. */
    REJECT,
    /** Put it back in its queue. */
    REQUEUE
  }

  private static final Logger LOG = LoggerFactory.getLogger(QueueConsumer.class);
  private static final long REQUEUE_DELAY_MS = TaskVerdict.REQUEUE_PAUSE.toMillis();
  /** Checks, a millisecond apart, whether the broker confirmed a new consumer: at least a second in all. */
  private static final int CONFIRM_TRIES = 1_000;

  private final Vertx vertx;
  private final BrokerConnection connection;
  private final Function<RabbitMQClient, Future<String>> declare;
  private final int prefetch;
  private final boolean autoAck;
  private final BiFunction<RabbitMQClient, RabbitMQMessage, Future<Settlement>> processor;
  private final Function<RabbitMQClient, Future<Void>> preparation = this::register;
  private RabbitMQConsumer current;
  private volatile boolean cancelled;

  /**
   * @param declare   declares the queue on a fresh connection and names it
   * @param prefetch  unacknowledged messages the broker hands this consumer at once
   * @param autoAck   whether the broker counts a message as settled when it sends it (then the processor's
   *                  settlement is ignored)
   */
  QueueConsumer(Vertx vertx, BrokerConnection connection, Function<RabbitMQClient, Future<String>> declare,
      int prefetch, boolean autoAck, BiFunction<RabbitMQClient, RabbitMQMessage, Future<Settlement>> processor) {
    if (prefetch < 1 || prefetch > 65_535) {
      throw new IllegalArgumentException("prefetch must be 1..65535, not " + prefetch);
    }
    this.vertx = vertx;
    this.connection = connection;
    this.declare = declare;
    this.prefetch = prefetch;
    this.autoAck = autoAck;
    this.processor = processor;
  }

  /**
   * Registers on the current connection (if any) and on every later one. When registering on the current connection
   * fails, the consumer is cancelled (no later connection registers it) and the future fails.
   */
  Future<BrokerSubscription> start() {
    return connection.prepareEachConnection(preparation).transform(registered -> {
      if (registered.succeeded()) {
        return Future.succeededFuture(this);
      }
      return cancel().transform(cancelled -> Future.failedFuture(registered.cause()));
    });
  }

  @Override
  public Future<Void> cancel() {
    cancelled = true;
    connection.stopPreparing(preparation);
    RabbitMQConsumer consumer = current;
    current = null;
    return consumer == null ? Future.succeededFuture() : cancel(consumer);
  }

  private Future<Void> cancel(RabbitMQConsumer consumer) {
    return vertx.executeBlocking(() -> {
      Throwable failure;
      try {
        failure = consumer.cancel().cause();
      } catch (RuntimeException channelAlreadyClosed) {
        failure = channelAlreadyClosed;
      }
      if (failure != null) {
        LOG.debug("Cancelling the consumer of {} failed (a consumer whose channel closed is gone already)",
            consumer.queueName(), failure);
      }
      return null;
    });
  }

  /** Registers on {@code client}; a registration that completes after {@link #cancel} is cancelled at once. */
  private Future<Void> register(RabbitMQClient client) {
    return declare.apply(client).compose(queue -> client.basicQos(prefetch)
        .compose(v -> client.basicConsumer(queue, new QueueOptions().setAutoAck(autoAck)))
        .compose(consumer -> {
          // at once: the client drops a message that arrives while its consumer has no handler
          consumer.handler(message -> process(client, message));
          return confirmed(client, consumer, queue, CONFIRM_TRIES);
        })
        .compose(consumer -> {
          if (cancelled) {
            return cancel(consumer);
          }
          current = consumer;
          return Future.succeededFuture();
        }));
  }

  /**
   * The consumer once the broker has confirmed it. The client answers basic.consume with a consumer at once, even one
   * the broker refuses (it closes the channel instead), and learns the consumer's tag from a callback a moment later;
   * a consumer cancelled before that would stay registered with the broker.
   */
  private Future<RabbitMQConsumer> confirmed(RabbitMQClient client, RabbitMQConsumer consumer, String queue,
      int triesLeft) {
    if (!client.isOpenChannel()) {
      return Future.failedFuture(new IllegalStateException("RabbitMQ refused to let " + queue
          + " be consumed and closed the channel (another connection may consume it exclusively)"));
    }
    if (consumer.consumerTag() != null) {
      return Future.succeededFuture(consumer);
    }
    if (triesLeft == 0) {
      return Future.failedFuture(new IllegalStateException("RabbitMQ did not confirm the consumer of " + queue));
    }
    return vertx.timer(1).compose(waited -> confirmed(client, consumer, queue, triesLeft - 1));
  }

  private void process(RabbitMQClient client, RabbitMQMessage message) {
    if (cancelled && autoAck) {
      return;
    }
    Future<Settlement> settlement;
    if (cancelled) {
      settlement = Future.succeededFuture(Settlement.REQUEUE);
    } else {
      try {
        settlement = processor.apply(client, message);
      } catch (RuntimeException e) {
        settlement = Future.failedFuture(e);
      }
    }
    if (autoAck) {
      settlement.onFailure(failure -> LOG.warn("Processing a message of {} failed", message.envelope().getRoutingKey(),
          failure));
      return;
    }
    long tag = message.envelope().getDeliveryTag();
    settlement.recover(failure -> {
      LOG.warn("Processing message {} failed; it goes back to its queue in {} ms", message.properties().getMessageId(),
          REQUEUE_DELAY_MS, failure);
      return vertx.timer(REQUEUE_DELAY_MS).map(Settlement.REQUEUE);
    }).compose(how -> connection.call(client, c -> switch (how) {
      case ACK -> c.basicAck(tag, false);
      case REJECT -> c.basicNack(tag, false, false);
      case REQUEUE -> c.basicNack(tag, false, true);
    }, "settle message " + message.properties().getMessageId()))
        .onFailure(failure -> LOG.debug("Message {} was not settled ({}); the broker delivers it again",
            message.properties().getMessageId(), failure.getMessage()));
  }
}
