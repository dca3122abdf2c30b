package ai.sutazai.verticles.config;

/**
 * Keeps credentials out of logs and messages: the user information of a URL ({@code user:password@}) becomes
 * {@code ***@}, whatever the scheme (PostgreSQL, Redis, RabbitMQ, a proxied Ollama) and however malformed the
 * URL is.
 */
public final class UrlCredentials {

  private UrlCredentials() {
  }

  /**
   * {@code url} with everything between {@code scheme://} (or the start) and its last {@code @} replaced by
   * {@code ***}: a password holding an unescaped {@code @}, {@code /} or space is hidden whole, at the price of
   * sometimes hiding part of a path too. Null stays null.
   */
  public static String redact(String url) {
    if (url == null) {
      return null;
    }
    int at = url.lastIndexOf('@');
    if (at < 0) {
      return url;
    }
    int scheme = url.indexOf("://");
    int start = scheme < 0 || scheme > at ? 0 : scheme + 3;
    return url.substring(0, start) + "***" + url.substring(at);
  }
}
