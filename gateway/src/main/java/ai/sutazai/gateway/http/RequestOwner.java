package ai.sutazai.gateway.http;

import ai.sutazai.gateway.auth.Caller;
import io.vertx.ext.web.RoutingContext;

/**
 * Whom a request acts for: the owner of the conversations it reads and writes, which is the
 * authenticated caller's subject ({@value #LOCAL} while authentication is off).
 */
public final class RequestOwner {

  /** The owner of every request while authentication is off. */
  public static final String LOCAL = "local";

  private RequestOwner() {
  }

  /** The owner of this request. */
  public static String of(RoutingContext ctx) {
    return Caller.of(ctx).subject();
  }
}
