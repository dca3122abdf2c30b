package ai.sutazai.launcher.config;

/**
 * A configuration that cannot be used; its message names the source (file, environment variable or
 * system property), the key and what was expected, and is shown to the user as it is.
 */
public class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
