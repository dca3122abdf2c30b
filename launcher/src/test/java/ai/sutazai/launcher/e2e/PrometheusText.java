package ai.sutazai.launcher.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The samples of a Prometheus text-format scrape, found by metric name and labels. */
final class PrometheusText {

  /** One line of the scrape: a series and its value. */
  record Sample(String name, Map<String, String> labels, double value) {

    boolean has(Map<String, String> wanted) {
      return labels.entrySet().containsAll(wanted.entrySet());
    }
  }

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        samples.add(sample(line));
      }
    }
    return new PrometheusText(samples);
  }

  /** The samples of {@code name} whose labels include {@code labels}. */
  List<Sample> all(String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.has(labels)).toList();
  }

  /** The value of the one series of {@code name} with these labels (and perhaps others), if exported. */
  Optional<Double> value(String name, Map<String, String> labels) {
    List<Sample> found = all(name, labels);
    if (found.size() > 1) {
      throw new AssertionError(found.size() + " series of " + name + " match " + labels + ": " + found);
    }
    return found.stream().findFirst().map(Sample::value);
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.lastIndexOf(' ');
    Map<String, String> labels = new LinkedHashMap<>();
    String name;
    if (brace >= 0 && brace < space) {
      name = line.substring(0, brace);
      readLabels(line.substring(brace + 1, line.lastIndexOf('}')), labels);
    } else {
      name = line.substring(0, space);
    }
    return new Sample(name, labels, number(line.substring(space + 1).trim()));
  }

  /** Reads {@code a="x",b="y\"z"} into {@code labels}. */
  private static void readLabels(String text, Map<String, String> labels) {
    int i = 0;
    while (i < text.length()) {
      int equals = text.indexOf('=', i);
      String key = text.substring(i, equals).trim();
      StringBuilder value = new StringBuilder();
      int j = equals + 2;
      for (; text.charAt(j) != '"'; j++) {
        char c = text.charAt(j);
        if (c == '\\') {
          char escaped = text.charAt(++j);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
      }
      labels.put(key, value.toString());
      i = j + 1;
      if (i < text.length() && text.charAt(i) == ',') {
        i++;
      }
    }
  }

  private static double number(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }
}
