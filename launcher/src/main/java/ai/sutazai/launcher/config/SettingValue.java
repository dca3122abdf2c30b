package ai.sutazai.launcher.config;

import ai.sutazai.verticles.config.Setting;
import ai.sutazai.verticles.config.UrlCredentials;
import io.vertx.core.json.Json;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Checks and converts one value for a {@link Setting}, either a JSON value from a file or the text
 * of an environment variable or system property, failing with a message that names its source.
 */
final class SettingValue {

  private static final int SHOWN_CHARS = 80;

  private SettingValue() {
  }

  /** Converts a value read from a JSON file. */
  static Object fromJson(Setting setting, Object value, String source) {
    switch (setting.type()) {
      case INT:
      case LONG:
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
          return inRange(setting, new BigInteger(value.toString()), value, source);
        }
        break;
      case BOOLEAN:
        if (value instanceof Boolean) {
          return value;
        }
        break;
      case STRING:
      case URL:
      case CHOICE:
        if (value instanceof String text) {
          return fromText(setting, text, source);
        }
        break;
      default:
        break;
    }
    throw invalid(setting, value, source);
  }

  /** Converts the text of an environment variable or system property. */
  static Object fromText(Setting setting, String text, String source) {
    String trimmed = text.trim();
    switch (setting.type()) {
      case INT:
      case LONG:
        try {
          return inRange(setting, new BigInteger(trimmed), text, source);
        } catch (NumberFormatException e) {
          throw invalid(setting, text, source);
        }
      case BOOLEAN:
        if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
          return Boolean.valueOf(trimmed.toLowerCase(Locale.ROOT));
        }
        throw invalid(setting, text, source);
      case URL:
        if (trimmed.isEmpty() && setting.optional()) {
          return "";
        }
        return url(setting, trimmed, text, source);
      case CHOICE:
        if (setting.choices().contains(trimmed.toLowerCase(Locale.ROOT))) {
          return trimmed.toLowerCase(Locale.ROOT);
        }
        throw invalid(setting, text, source);
      case STRING:
      default:
        if (trimmed.isEmpty() && setting.optional()) {
          return "";
        }
        if (trimmed.isEmpty()) {
          throw invalid(setting, text, source);
        }
        return trimmed;
    }
  }

  /** What a valid value of this setting looks like, as a phrase: "an integer between 1 and 256". */
  static String expectation(Setting setting) {
    switch (setting.type()) {
      case INT:
      case LONG:
        return "an integer between " + setting.min() + " and " + setting.max();
      case BOOLEAN:
        return "true or false";
      case URL:
        return urlExpectation(setting);
      case CHOICE:
        return "one of " + String.join(", ", setting.choices());
      case STRING:
      default:
        return setting.optional() ? "a string" : "a non-empty string";
    }
  }

  private static Object inRange(Setting setting, BigInteger number, Object original, String source) {
    if (number.compareTo(BigInteger.valueOf(setting.min())) < 0
        || number.compareTo(BigInteger.valueOf(setting.max())) > 0) {
      throw invalid(setting, original, source);
    }
    return setting.type() == Setting.Type.INT ? (Object) number.intValue() : (Object) number.longValue();
  }

  private static String urlExpectation(Setting setting) {
    String schemes = setting.schemes().equals(List.of("http", "https"))
        ? "http(s) URL such as http://localhost:11434"
        : String.join(" or ", setting.schemes()) + " URL";
    return "an absolute " + schemes + (setting.optional() ? ", or empty" : "");
  }

  private static String url(Setting setting, String trimmed, String original, String source) {
    try {
      URI uri = new URI(trimmed);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (setting.schemes().contains(scheme) && uri.getHost() != null) {
        return trimmed.replaceAll("/+$", "");
      }
    } catch (URISyntaxException e) {
      // The exception's own message quotes the whole URL, password included.
      throw new ConfigException(message(setting, original, source) + " (" + e.getReason() + " at index "
          + e.getIndex() + ")");
    }
    throw invalid(setting, original, source);
  }

  private static ConfigException invalid(Setting setting, Object value, String source) {
    return new ConfigException(message(setting, value, source));
  }

  private static String message(Setting setting, Object value, String source) {
    Object visible = setting.type() == Setting.Type.URL && value instanceof String url
        ? UrlCredentials.redact(url) : value;
    return source + ": " + setting.path() + " must be " + expectation(setting) + ", got " + shown(visible);
  }

  private static String shown(Object value) {
    String encoded = Json.encode(value);
    return encoded.length() <= SHOWN_CHARS ? encoded : encoded.substring(0, SHOWN_CHARS) + "...";
  }
}
