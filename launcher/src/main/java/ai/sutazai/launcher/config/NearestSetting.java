package ai.sutazai.launcher.config;

import ai.sutazai.verticles.config.Setting;
import ai.sutazai.verticles.config.Settings;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Finds the known setting a mistyped name most likely meant, for "did you mean" hints. */
final class NearestSetting {

  private NearestSetting() {
  }

  /**
   * The setting one of whose names (in the given forms, for example its path and its key without
   * section) is closest to {@code name} by edit distance, when close enough to be a plausible typo.
   */
  static Optional<Setting> to(String name, List<Function<Setting, String>> forms) {
    Setting best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Setting setting : Settings.ALL) {
      for (Function<Setting, String> form : forms) {
        int distance = distance(name, form.apply(setting));
        if (distance < bestDistance) {
          best = setting;
          bestDistance = distance;
        }
      }
    }
    return bestDistance <= Math.max(2, name.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
  }

  /** " (did you mean X?)" with X the nearest setting's name in the first form, or "". */
  static String hint(String name, List<Function<Setting, String>> forms) {
    return to(name, forms).map(s -> " (did you mean " + forms.get(0).apply(s) + "?)").orElse("");
  }

  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
