package ai.sutazai.verticles.inference;

import java.util.Locale;

/** The four levels of the inference queue; a lower level number is served first. */
public enum Priority {
  CRITICAL(1), HIGH(2), NORMAL(3), LOW(4);

  private final int level;

  Priority(int level) {
    this.level = level;
  }

  public int level() {
    return level;
  }

  /** The lowercase name used on the wire ({@code critical}, {@code high}, ...). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Priority ofLevel(int level) {
    for (Priority p : values()) {
      if (p.level == level) {
        return p;
      }
    }
    throw new IllegalArgumentException("must be one of critical, high, normal, low or 1..4, got " + level);
  }

  /**
   * Reads a priority given as a name ({@code "high"}), a number (2) or a numeric string ("2").
   *
   * @throws IllegalArgumentException saying what was expected
   */
  public static Priority parse(Object value) {
    if (value instanceof Number n) {
      if (n.doubleValue() != n.intValue()) {
        throw new IllegalArgumentException("must be one of critical, high, normal, low or 1..4, got " + n);
      }
      return ofLevel(n.intValue());
    }
    if (value instanceof String s) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      for (Priority p : values()) {
        if (p.wireName().equals(t)) {
          return p;
        }
      }
      if (t.length() == 1 && Character.isDigit(t.charAt(0))) {
        return ofLevel(t.charAt(0) - '0');
      }
      throw new IllegalArgumentException("must be one of critical, high, normal, low or 1..4, got \"" + s + "\"");
    }
    throw new IllegalArgumentException("must be one of critical, high, normal, low or 1..4");
  }
}
