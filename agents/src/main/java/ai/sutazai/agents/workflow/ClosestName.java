package ai.sutazai.agents.workflow;

import ai.sutazai.verticles.text.EditDistance;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The known name nearest to a mistyped one, by edit distance; words of a snake_case name count in
 * any order, so {@code review_code} finds {@code code_review}.
 */
final class ClosestName {

  private ClosestName() {
  }

  /** The closest of {@code known} to {@code name}, ties to the alphabetically first; empty only when {@code known} is. */
  static Optional<String> to(String name, Collection<String> known) {
    return known.stream()
        .min(Comparator.comparingInt((String candidate) -> distance(name, candidate))
            .thenComparing(Comparator.naturalOrder()));
  }

  static int distance(String a, String b) {
    return Math.min(EditDistance.between(a, b), EditDistance.between(wordsSorted(a), wordsSorted(b)));
  }

  private static String wordsSorted(String name) {
    String[] words = name.split("_");
    Arrays.sort(words);
    return String.join("_", words);
  }
}
