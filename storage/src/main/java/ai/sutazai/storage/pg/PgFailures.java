package ai.sutazai.storage.pg;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a lost or unreachable PostgreSQL (refused, closed or timed-out connections, a server shutting
 * down) from an SQL error the server answered with, which says nothing about its availability.
 */
public final class PgFailures {

  /** SQLSTATEs a server sends when it goes away or cannot take connections yet. */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");

  private PgFailures() {
  }

  /** Whether {@code failure} means PostgreSQL could not be reached or the connection was lost. */
  public static boolean isConnectionLoss(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof DatabaseException sql) {
        String state = sql.getSqlState();
        return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
      }
      if (cause instanceof ClosedConnectionException || cause instanceof IOException
          || cause instanceof TimeoutException || isPoolTimeout(cause)) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** The pool fails a wait for a connection with a plain Vert.x exception saying "Timeout...". */
  private static boolean isPoolTimeout(Throwable cause) {
    String message = cause.getMessage();
    return cause.getClass().getName().startsWith("io.vertx.") && message != null && message.startsWith("Timeout");
  }

  /** The failure's message on one line, or its class name when it has none. */
  public static String describe(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return failure.getClass().getSimpleName();
    }
    return message.replaceAll("\\s+", " ").trim();
  }
}
