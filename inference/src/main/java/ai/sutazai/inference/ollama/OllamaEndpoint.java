package ai.sutazai.inference.ollama;

import ai.sutazai.verticles.config.UrlCredentials;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where Ollama listens, parsed from its base URL ({@code http://localhost:11434}, optionally with
 * a path prefix when it sits behind a proxy).
 */
public record OllamaEndpoint(String url, String host, int port, boolean ssl, String basePath) {

  /**
   * Parses a base URL.
   *
   * @throws IllegalArgumentException when it is not an absolute http(s) URL with a host
   */
  public static OllamaEndpoint parse(String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Ollama URL '" + UrlCredentials.redact(url) + "' is not a URL: "
          + e.getReason() + " at index " + e.getIndex(), e);
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("Ollama URL '" + UrlCredentials.redact(url)
          + "' must look like http://host:port");
    }
    boolean ssl = scheme.equalsIgnoreCase("https");
    int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    String canonical = scheme.toLowerCase() + "://" + uri.getHost() + ":" + port + basePath;
    return new OllamaEndpoint(canonical, uri.getHost(), port, ssl, basePath);
  }

  /** The request URI of an Ollama API path such as {@code /api/chat}. */
  public String uri(String apiPath) {
    return basePath + apiPath;
  }
}
