package ai.sutazai.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the client's {@code X-Request-ID} when it is sane (at most 128
 * characters of {@code [A-Za-z0-9._:-]}), else a fresh UUID; echoed on every response.
 */
public final class RequestIdHandler implements Handler<RoutingContext> {

  public static final String HEADER = "X-Request-ID";

  private static final String KEY = "sutazai.request_id";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  @Override
  public void handle(RoutingContext ctx) {
    String id = accept(ctx.request().getHeader(HEADER));
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.next();
  }

  /** The id of this request; assigns one when the handler has not run (a failure before routing). */
  public static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    if (id == null) {
      id = accept(ctx.request().getHeader(HEADER));
      ctx.put(KEY, id);
      if (!ctx.response().headWritten()) {
        ctx.response().putHeader(HEADER, id);
      }
    }
    return id;
  }

  /** The client's id when it is sane, else a fresh one. */
  public static String accept(String candidate) {
    return candidate != null && SANE.matcher(candidate).matches() ? candidate : UUID.randomUUID().toString();
  }
}
