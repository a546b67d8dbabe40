package dev.preflight.risk;

import static dev.preflight.graph.testing.Graphs.graph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.history.BuildResult;
import dev.preflight.history.History;
import dev.preflight.settings.RiskSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class FailureRatesTest {
  private static final long DAY = 86_400;
  private static final long NOW = 1_790_000_000L;
  private static final RiskSettings S = Fixtures.settings("");

  private static List<History.Entry> builds(String pattern, long newestAgeDays) {
    // pattern oldest first: 's' success, 'f' failed, 'd' dependency-failed; one build per day
    List<History.Entry> out = new ArrayList<>();
    for (int i = 0; i < pattern.length(); i++) {
      long age = newestAgeDays + (pattern.length() - 1 - i);
      BuildResult r =
          switch (pattern.charAt(i)) {
            case 's' -> BuildResult.SUCCESS;
            case 'f' -> BuildResult.FAILED;
            default -> BuildResult.DEPENDENCY_FAILED;
          };
      out.add(new History.Entry(60, r, NOW - age * DAY));
    }
    return out;
  }

  @Test
  void emptyHistory_usesTheSettingsPriors() {
    PackageGraph g = graph("a->b");
    FailureRates r = FailureRates.of(History.empty(), g, S);
    assertEquals(S.priorMean(), r.priorMean());
    assertEquals(S.brokenPersistence(), r.persistence());
    assertFalse(r.priorFromHistory());
    FailureRates.NodeRate green = r.rate(0, -1, NodeStatus.GREEN);
    assertEquals(S.priorMean(), green.base());
    FailureRates.NodeRate red = r.rate(0, -1, NodeStatus.RED);
    assertEquals(S.brokenPersistence(), red.base());
    assertTrue(red.brokenNow());
  }

  @Test
  void recentFailures_weighMoreThanOldOnes() {
    PackageGraph g = graph("recent, old, x");
    Map<String, List<History.Entry>> m = new LinkedHashMap<>();
    m.put("recent", builds("sssssf" + "s", 0)); // failed 1 day ago
    m.put("old", builds("f" + "ssssss", 0)); // failed 6 days ago
    m.put("x", builds("s", 400)); // anchors nothing; far in the past
    RiskSettings fast = Fixtures.settings("\"historyHalfLifeDays\": 2");
    FailureRates r = FailureRates.of(History.of("t", m), g, fast);
    History h = History.of("t", m);
    double recent = r.rate(0, h.indexOf("recent"), NodeStatus.GREEN).fresh();
    double old = r.rate(1, h.indexOf("old"), NodeStatus.GREEN).fresh();
    assertTrue(recent > old, recent + " vs " + old);
  }

  @Test
  void dependencyFailures_sayNothingAboutTheNode() {
    PackageGraph g = graph("a, b");
    Map<String, List<History.Entry>> m = new LinkedHashMap<>();
    m.put("a", builds("ssss", 0));
    m.put("b", builds("sdsdsdsd", 0));
    History h = History.of("t", m);
    FailureRates r = FailureRates.of(h, g, S);
    FailureRates.NodeRate b = r.rate(1, h.indexOf("b"), NodeStatus.RED);
    assertEquals(4, b.informativeBuilds());
    assertEquals(0, b.ownFailures());
    assertFalse(b.brokenNow());
  }

  @Test
  void pooledRates_learnFreshAndRepeatFailures() {
    PackageGraph g = graph("a, b, c, d");
    Map<String, List<History.Entry>> m = new LinkedHashMap<>();
    // 40 fresh trials with 4 failures; each failure followed by a repeat failure then a fix.
    for (String id : List.of("a", "b", "c", "d")) {
      m.put(id, builds("sssssssff" + "s", 0));
    }
    RiskSettings noDecay = Fixtures.settings("\"historyHalfLifeDays\": 1e9, \"priorMinBuilds\": 1");
    FailureRates r = FailureRates.of(History.of("t", m), g, noDecay);
    // fresh trials per node: 7 successes + the first failure = 8, plus the fix after the repeat
    // failure is a repeat trial: repeats = second f (fail) and last s (success).
    assertEquals(4.0 / 32.0, r.priorMean(), 1e-6);
    assertEquals(0.5, r.persistence(), 1e-6);
  }

  @Test
  void popularityClasses_learnThatWellUsedPackagesBreakLess() {
    StringBuilder spec = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      spec.append("u").append(i).append("->hub, ");
    }
    spec.append("leaf1, leaf2");
    PackageGraph g = graph(spec.toString());
    Map<String, List<History.Entry>> m = new LinkedHashMap<>();
    m.put("hub", builds("ssssssssssssssssssss", 0));
    m.put("leaf1", builds("sfsfsfsfsf", 0));
    m.put("leaf2", builds("sfsssfsssf", 0));
    History h = History.of("t", m);
    FailureRates r = FailureRates.of(h, g, S);
    int hub = g.indexOfId("hub");
    int leaf = g.indexOfId("leaf1");
    int hubClass = FailureRates.popularity(g, hub);
    int leafClass = FailureRates.popularity(g, leaf);
    assertEquals(5, hubClass); // 16 direct dependents
    assertEquals(0, leafClass);
    assertTrue(r.classMean(hubClass) < r.priorMean());
    assertTrue(r.classMean(leafClass) > r.priorMean());
    // A hub without history of its own still gets its class's lower rate.
    assertTrue(
        r.rate(hub, -1, NodeStatus.GREEN).fresh() < r.rate(leaf, -1, NodeStatus.GREEN).fresh());
  }
}
