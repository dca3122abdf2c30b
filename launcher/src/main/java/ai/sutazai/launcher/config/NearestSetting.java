package ai.sutazai.launcher.config;

import ai.sutazai.verticles.config.Setting;
import ai.sutazai.verticles.config.Settings;
import ai.sutazai.verticles.text.EditDistance;
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
        int distance = EditDistance.between(name, form.apply(setting));
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
}
