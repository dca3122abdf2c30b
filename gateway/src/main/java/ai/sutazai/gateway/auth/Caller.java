package ai.sutazai.gateway.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * Who made a request, once authentication has looked at it: the subject that owns what the request
 * creates, the role that decides what it may do, and how it proved itself.
 *
 * @param subject the token's {@code sub}, or the owner of the API key
 * @param role the role the request acts with
 * @param credential {@code jwt}, {@code api_key}, or {@code none} when authentication is off
 */
public record Caller(String subject, Role role, String credential) {

  /** The caller of every request while authentication is off ({@code SUTAZAI_AUTH=off}). */
  public static final Caller LOCAL = new Caller("local", Role.ADMIN, "none");

  private static final String KEY = "sutazai.caller";

  public Caller {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(credential, "credential");
  }

  /** Remembers this caller on the request, for the handlers after authentication. */
  public void attachTo(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  /** The request's authenticated caller, or {@link #LOCAL} when no authentication ran. */
  public static Caller of(RoutingContext ctx) {
    Caller caller = ctx.get(KEY);
    return caller == null ? LOCAL : caller;
  }
}
