package ai.sutazai.gateway.testing;

import ai.sutazai.gateway.GatewayVerticle;
import ai.sutazai.gateway.auth.Caller;
import ai.sutazai.gateway.auth.Role;
import io.vertx.ext.web.Router;

/**
 * A gateway whose requests act as the subject in {@value #SUBJECT} with the role in {@value #ROLE}
 * (default user), standing in for authentication; requests without the subject header stay
 * {@link Caller#LOCAL}.
 */
public final class CallerFromHeaders extends GatewayVerticle {

  public static final String SUBJECT = "X-Test-Subject";
  public static final String ROLE = "X-Test-Role";

  @Override
  protected void installAuthentication(Router router) {
    router.route().handler(ctx -> {
      String subject = ctx.request().getHeader(SUBJECT);
      if (subject != null) {
        Role role = Role.fromWire(String.valueOf(ctx.request().getHeader(ROLE))).orElse(Role.USER);
        new Caller(subject, role, "jwt").attachTo(ctx);
      }
      ctx.next();
    });
  }
}
