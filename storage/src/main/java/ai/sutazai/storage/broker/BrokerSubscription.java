package ai.sutazai.storage.broker;

import io.vertx.core.Future;

/** A consumer registered with the task broker; it is registered again on every new connection until cancelled. */
public interface BrokerSubscription {

  /** Stops consuming; messages held unacknowledged go back to their queue. */
  Future<Void> cancel();
}
