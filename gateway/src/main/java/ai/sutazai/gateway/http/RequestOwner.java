package ai.sutazai.gateway.http;

import io.vertx.ext.web.RoutingContext;

/**
 * Whom a request acts for: the owner of the conversations it reads and writes. The gateway has no
 * authentication yet, so every request belongs to the one local owner, {@value #LOCAL}; once
 * requests are authenticated, {@link #of} returns the authenticated subject instead, and nothing
 * else changes.
 */
public final class RequestOwner {

  /** The owner of every request while the gateway has no authentication. */
  public static final String LOCAL = "local";

  private RequestOwner() {
  }

  /** The owner of this request. */
  public static String of(RoutingContext ctx) {
    return LOCAL;
  }
}
