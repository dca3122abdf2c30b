package ai.sutazai.storage.pg;

import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a PostgreSQL database listens and who to log in as; parsed from
 * {@code postgresql://user:pass@host:port/db} (or {@code postgres://}) or built for the embedded server.
 */
public record PgEndpoint(String host, int port, String database, String user, String password) {

  /** Default PostgreSQL port, used when a URL names none. */
  public static final int DEFAULT_PORT = 5432;

  public PgEndpoint {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(user, "user");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("PostgreSQL port must be 1..65535, got " + port);
    }
  }

  /**
   * Parses a PostgreSQL URL; the exception message names the part that is wrong and never echoes the password.
   */
  public static PgEndpoint parse(String url) {
    if (url == null || url.isBlank()) {
      throw invalid("it is empty");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw invalid("it is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
    }
    String scheme = uri.getScheme();
    if (!"postgresql".equalsIgnoreCase(scheme) && !"postgres".equalsIgnoreCase(scheme)) {
      throw invalid("the scheme must be postgresql:// or postgres://, got '" + (scheme == null ? "" : scheme) + "'");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid("query parameters and fragments are not supported");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw invalid(describeBadAuthority(uri.getRawAuthority()));
    }
    int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    if (port < 1 || port > 65535) {
      throw invalid("the port must be 1..65535, got " + port);
    }
    String path = uri.getRawPath();
    if (path == null || path.length() <= 1) {
      throw invalid("the database name is missing (expected /<database> after host:port)");
    }
    String database = decode(path.substring(1), "database name");
    if (database.contains("/")) {
      throw invalid("the database name must not contain '/'");
    }
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null || userInfo.isEmpty() || userInfo.startsWith(":")) {
      throw invalid("the user is missing (expected user[:password]@ before the host)");
    }
    int colon = userInfo.indexOf(':');
    String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user");
    String password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "password");
    return new PgEndpoint(host, port, database, user, password);
  }

  /** Connect options for the reactive client. */
  public PgConnectOptions connectOptions() {
    PgConnectOptions options = new PgConnectOptions()
      .setHost(host)
      .setPort(port)
      .setDatabase(database)
      .setUser(user)
      .setCachePreparedStatements(true);
    if (password != null) {
      options.setPassword(password);
    }
    return options;
  }

  /** JDBC URL (without credentials) for the blocking tools that need one, such as Flyway. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + hostAndPort() + "/" + database;
  }

  /** {@code host:port}, safe to log and show. */
  public String hostAndPort() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** {@code host:port/database}, safe to log and show. */
  public String address() {
    return hostAndPort() + "/" + database;
  }

  /** The same endpoint pointed at another database of the same server. */
  public PgEndpoint withDatabase(String otherDatabase) {
    return new PgEndpoint(host, port, otherDatabase, user, password);
  }

  @Override
  public String toString() {
    return "postgresql://" + user + (password == null ? "" : ":***") + "@" + host + ":" + port + "/" + database;
  }

  private static String describeBadAuthority(String authority) {
    if (authority == null || authority.isEmpty()) {
      return "the host is missing";
    }
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = hostPort.lastIndexOf(':');
    if (colon >= 0 && !hostPort.endsWith("]")) {
      String port = hostPort.substring(colon + 1);
      if (!port.chars().allMatch(Character::isDigit) || port.isEmpty()) {
        return "the port '" + port + "' is not a number";
      }
    }
    if (authority.indexOf('@') != authority.lastIndexOf('@')) {
      return "the user or password contains '@'; percent-encode it as %40";
    }
    return "the host '" + hostPort + "' is not a valid host name";
  }

  private static String decode(String raw, String part) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid("the " + part + " has a malformed %-escape");
    }
  }

  private static IllegalArgumentException invalid(String why) {
    return new IllegalArgumentException("Invalid PostgreSQL URL: " + why
      + "; expected postgresql://user:password@host:port/database");
  }
}
