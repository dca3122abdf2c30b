package ai.sutazai.storage.broker;

import ai.sutazai.storage.broker.QueueConsumer.Settlement;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.rabbitmq.RabbitMQMessage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent queue's consumer does with a task: hands it to the agent's handler and settles it as the
 * handler's {@link TaskVerdict} says. {@code ACK} acknowledges it. {@code RETRY}, and a failed handler, wait the
 * backoff, publish a copy carrying the next attempt number back into the same queue (confirmed) and acknowledge
 * the original, until the last attempt, which is rejected instead. {@code REJECT} refuses it without requeue so
 * that the queue dead-letters it (reason {@code rejected}). {@code REQUEUE} puts it back after a pause, its
 * attempt number unchanged.
 */
final class TaskRetries {

  private static final Logger LOG = LoggerFactory.getLogger(TaskRetries.class);

  private final Vertx vertx;
  private final ConfirmedPublisher publisher;
  private final BrokerOptions options;
  private final String agentId;
  private final Function<TaskDelivery, Future<TaskVerdict>> handler;

  TaskRetries(Vertx vertx, ConfirmedPublisher publisher, BrokerOptions options, String agentId,
      Function<TaskDelivery, Future<TaskVerdict>> handler) {
    this.vertx = vertx;
    this.publisher = publisher;
    this.options = options;
    this.agentId = agentId;
    this.handler = handler;
  }

  Future<Settlement> process(RabbitMQMessage message) {
    TaskDelivery delivery = new TaskDelivery(message.properties().getMessageId(), agentId,
        BrokerBodies.routingKey(message), priorityOf(message), BrokerBodies.attempt(message),
        message.envelope().isRedeliver(), BrokerBodies.json(message));
    Future<TaskVerdict> verdict;
    try {
      verdict = handler.apply(delivery);
    } catch (RuntimeException e) {
      verdict = Future.failedFuture(e);
    }
    return verdict.transform(done -> {
      if (done.failed()) {
        return retry(delivery, message, done.cause());
      }
      return switch (done.result()) {
        case ACK -> Future.succeededFuture(Settlement.ACK);
        case RETRY -> retry(delivery, message, null);
        case REJECT -> Future.succeededFuture(Settlement.REJECT);
        case REQUEUE -> vertx.timer(TaskVerdict.REQUEUE_PAUSE.toMillis()).map(Settlement.REQUEUE);
      };
    });
  }

  private Future<Settlement> retry(TaskDelivery delivery, RabbitMQMessage message, Throwable failure) {
    if (delivery.attempt() >= options.maxAttempts()) {
      LOG.warn("Task {} failed its last attempt ({} of {}) on agent {}; dead-lettering it", delivery.taskId(),
          delivery.attempt(), options.maxAttempts(), agentId, failure);
      return Future.succeededFuture(Settlement.REJECT);
    }
    long waitMs = options.backoffAfter(delivery.attempt()).toMillis();
    LOG.info("Task {} failed attempt {} of {} on agent {} ({}); retrying in {} ms", delivery.taskId(),
        delivery.attempt(), options.maxAttempts(), agentId, failure == null ? "the agent asked for a retry"
            : failure.toString(), waitMs);
    long expiration = parseExpiration(message.properties().getExpiration());
    return (waitMs > 0 ? vertx.timer(waitMs) : Future.succeededFuture())
        .compose(waited -> publisher.publish("", TaskTopology.queueOf(agentId),
            TaskMessage.properties(delivery.taskId(), delivery.routingKey(), delivery.priority(),
                delivery.attempt() + 1, expiration),
            message.body(), "retry task " + delivery.taskId()))
        .map(Settlement.ACK);
  }

  private static int priorityOf(RabbitMQMessage message) {
    Integer priority = message.properties().getPriority();
    return priority == null ? 0 : priority;
  }

  private static long parseExpiration(String expiration) {
    if (expiration == null) {
      return 0;
    }
    try {
      return Long.parseLong(expiration);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
