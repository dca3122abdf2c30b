package ai.sutazai.launcher.config;

import ai.sutazai.verticles.config.Setting;
import ai.sutazai.verticles.config.Settings;

/**
 * Renders the registry of settings for people: the Markdown table in README.md (a test keeps the
 * README equal to it) and the plain list that {@code --help} prints.
 */
public final class SettingsReference {

  private SettingsReference() {
  }

  /** A Markdown table with one row per setting: JSON key, environment variable, default, allowed values, meaning. */
  public static String markdownTable() {
    StringBuilder table = new StringBuilder()
        .append("| JSON key | Environment variable | Default | Allowed | Meaning |\n")
        .append("|---|---|---|---|---|\n");
    for (Setting s : Settings.ALL) {
      String shownDefault = "".equals(s.defaultValue()) ? "(empty)" : "`" + s.defaultValue() + "`";
      table.append("| `").append(s.path()).append("` | `").append(s.envName()).append("` | ")
          .append(shownDefault).append(" | ").append(allowed(s)).append(" | ")
          .append(s.description()).append(" |\n");
    }
    return table.toString();
  }

  /** One line per setting: environment variable, default and meaning. */
  public static String plainList() {
    int width = Settings.ALL.stream().mapToInt(s -> s.envName().length()).max().orElse(0);
    StringBuilder list = new StringBuilder();
    for (Setting s : Settings.ALL) {
      list.append("  ").append(String.format("%-" + width + "s", s.envName()))
          .append("  ").append(s.description())
          .append(" [default ").append("".equals(s.defaultValue()) ? "(empty)" : s.defaultValue()).append("; ").append(allowed(s)).append("]\n");
    }
    return list.toString();
  }

  private static String allowed(Setting s) {
    switch (s.type()) {
      case INT:
      case LONG:
        return s.min() + ".." + s.max();
      case BOOLEAN:
        return "true, false";
      case URL:
        return String.join(" or ", s.schemes()) + " URL" + (s.optional() ? ", or empty" : "");
      case STRING:
      default:
        return s.optional() ? "text, or empty" : "non-empty text";
    }
  }
}
