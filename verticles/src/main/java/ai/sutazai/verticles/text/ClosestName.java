package ai.sutazai.verticles.text;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The known snake_case name a mistyped one most likely meant, for "did you mean" hints: nearest by edit
 * distance, the words of a name counting in any order ({@code review_code} finds {@code code_review}).
 */
public final class ClosestName {

  private ClosestName() {
  }

  /**
   * The closest of {@code known} to {@code name} (ties to the alphabetically first) when it is close enough to
   * be a plausible typo: at most a third of the name's characters, and at least 2, differ.
   */
  public static Optional<String> to(String name, Collection<String> known) {
    int tolerated = Math.max(2, name.length() / 3);
    return nearest(name, known).filter(closest -> distance(name, closest) <= tolerated);
  }

  /** The closest of {@code known} to {@code name}, however far (ties to the alphabetically first); empty only when {@code known} is. */
  public static Optional<String> nearest(String name, Collection<String> known) {
    return known.stream()
        .min(Comparator.comparingInt((String candidate) -> distance(name, candidate))
            .thenComparing(Comparator.naturalOrder()));
  }

  /** The edit distance of two names, the smaller of as written and with their words sorted. */
  public static int distance(String a, String b) {
    return Math.min(EditDistance.between(a, b), EditDistance.between(wordsSorted(a), wordsSorted(b)));
  }

  private static String wordsSorted(String name) {
    String[] words = name.split("_");
    Arrays.sort(words);
    return String.join("_", words);
  }
}
