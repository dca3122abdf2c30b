package ai.sutazai.agents.workflow;

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
    return Math.min(edits(a, b), edits(wordsSorted(a), wordsSorted(b)));
  }

  private static String wordsSorted(String name) {
    String[] words = name.split("_");
    Arrays.sort(words);
    return String.join("_", words);
  }

  /** Levenshtein distance, one row at a time. */
  private static int edits(String a, String b) {
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
