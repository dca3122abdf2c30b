package ai.sutazai.launcher.e2e;

import static ai.sutazai.launcher.e2e.RunningPlatform.chat;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every metric the alert rules ({@code prometheus/rules/alerts.yml}) and the Grafana dashboards
 * ({@code grafana/dashboards/*.json}) query is exported by a running SutazAI, so that no alert or panel watches a
 * name that does not exist. Histograms count by their base name ({@code _bucket}, {@code _count} and {@code _sum}
 * stripped).
 *
 * <p>Micrometer exports a meter only once it exists. SutazAI registers its meters when the component owning them
 * starts, except those labelled by model ({@code ollama_request_duration_seconds},
 * {@code sutazai_inference_tokens_total}), whose label values are only known once a model answered; so one chat goes
 * through before the scrape. The agent runtime's meters are labelled by agent and exist once its agents are deployed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MonitoringMetricsIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  /** The names the rules and dashboards use: SutazAI's, Ollama's, the JVM's and the process's (not Prometheus' up). */
  private static final Pattern METRIC = Pattern.compile("\\b(?:sutazai|ollama|jvm|process|system)_[a-z0-9_]+\\b");
  private static final Pattern HISTOGRAM_SERIES = Pattern.compile("_(?:bucket|count|sum)$");

  private static RunningPlatform platform;

  @BeforeAll
  static void start() throws Exception {
    platform = RunningPlatform.start(new FakeOllamaOptions().tokensPerAnswer(3).tokenDelayMs(1));
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  /** Verifies that the scrape after one chat holds every metric an alert or a dashboard panel queries. */
  @Test
  void everyQueriedMetricIsExported() throws IOException {
    assertThat(platform.postAndRead("/api/v1/chat", chat("hello")).status()).isEqualTo(200);
    Reply scrape = platform.get("/metrics");
    assertThat(scrape.status()).isEqualTo(200);
    Set<String> exported = exportedNames(scrape.body().toString());

    Set<String> queried = new TreeSet<>();
    alertExpressions().forEach(expr -> queried.addAll(metricNames(expr)));
    int alertNames = queried.size();
    dashboardQueries().forEach(expr -> queried.addAll(metricNames(expr)));

    assertThat(alertNames).as("metric names in alerts.yml").isGreaterThanOrEqualTo(6);
    assertThat(queried).as("metrics queried by the alerts and dashboards but not exported")
        .allMatch(exported::contains, "exported by /metrics");
  }

  /** The metric names a scrape lists, histograms under their base name. */
  private static Set<String> exportedNames(String scrape) {
    Set<String> names = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        names.add(line.split(" ")[2]);
      } else if (!line.isBlank() && !line.startsWith("#")) {
        names.add(HISTOGRAM_SERIES.matcher(line.split("[{ ]")[0]).replaceFirst(""));
      }
    }
    return names;
  }

  private static Set<String> metricNames(String expr) {
    Matcher matcher = METRIC.matcher(expr);
    Set<String> names = new TreeSet<>();
    while (matcher.find()) {
      names.add(HISTOGRAM_SERIES.matcher(matcher.group()).replaceFirst(""));
    }
    return names;
  }

  /** The {@code expr} of every rule in alerts.yml, a folded one ({@code >-}) joined from its indented lines. */
  private static List<String> alertExpressions() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("prometheus/rules/alerts.yml"));
    List<String> expressions = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int at = line.indexOf("expr:");
      if (at < 0 || line.trim().startsWith("#")) {
        continue;
      }
      String value = line.substring(at + "expr:".length()).trim();
      if (value.startsWith(">") || value.startsWith("|")) {
        StringBuilder folded = new StringBuilder();
        while (i + 1 < lines.size() && indent(lines.get(i + 1)) > at) {
          folded.append(lines.get(++i).trim()).append(' ');
        }
        value = folded.toString();
      }
      expressions.add(value);
    }
    return expressions;
  }

  private static int indent(String line) {
    return line.isBlank() ? Integer.MAX_VALUE : line.length() - line.stripLeading().length();
  }

  /** The {@code expr} of every target of every panel (rows' nested panels included) of every dashboard. */
  private static List<String> dashboardQueries() throws IOException {
    List<String> queries = new ArrayList<>();
    try (var files = Files.list(ROOT.resolve("grafana/dashboards"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).collect(Collectors.toList())) {
        collectQueries(new JsonObject(Files.readString(file)).getJsonArray("panels"), queries);
      }
    }
    assertThat(queries).as("dashboard queries").isNotEmpty();
    return queries;
  }

  private static void collectQueries(JsonArray panels, List<String> queries) {
    for (Object item : panels == null ? new JsonArray() : panels) {
      JsonObject panel = (JsonObject) item;
      collectQueries(panel.getJsonArray("panels"), queries);
      for (Object target : panel.getJsonArray("targets", new JsonArray())) {
        String expr = ((JsonObject) target).getString("expr");
        if (expr != null) {
          queries.add(expr);
        }
      }
    }
  }
}
