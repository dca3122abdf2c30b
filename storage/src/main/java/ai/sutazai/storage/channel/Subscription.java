package ai.sutazai.storage.channel;

import io.vertx.core.Future;

/** One handler subscribed to one {@link AgentChannel} through {@link AgentChannels}. */
public interface Subscription {

  AgentChannel channel();

  /**
   * Stops delivery to this handler: no message reaches it once this is called, even one already
   * on its way. Calling it again does nothing.
   */
  Future<Void> unsubscribe();
}
