package dev.preflight.risk;

import dev.preflight.graph.PackageGraph;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rebuild set split by previous result (DESIGN.md §4): newly at risk (previously green),
 * already broken (previously red; never counted as new breakage) and unknown, with counts per
 * system and the nodes of each class. {@code O(R)}; immutable.
 */
public final class Classification {
  private final Map<RiskClass, int[]> nodes;
  private final Map<String, Map<RiskClass, Integer>> bySystem;

  private Classification(
      Map<RiskClass, int[]> nodes, Map<String, Map<RiskClass, Integer>> bySystem) {
    this.nodes = nodes;
    this.bySystem = bySystem;
  }

  /** Classifies the nodes of {@code scope} by their previous status. */
  public static Classification of(PackageGraph graph, RebuildScope scope, PreviousStatus previous) {
    int[] counts = new int[RiskClass.values().length];
    RiskClass[] cls = new RiskClass[scope.size()];
    Map<String, Map<RiskClass, Integer>> bySystem = new TreeMap<>();
    for (int i = 0; i < scope.size(); i++) {
      int v = scope.nodes()[i];
      cls[i] = RiskClass.of(previous.status(v));
      counts[cls[i].ordinal()]++;
      Map<RiskClass, Integer> m =
          bySystem.computeIfAbsent(
              graph.system(v),
              k -> {
                Map<RiskClass, Integer> e = new EnumMap<>(RiskClass.class);
                for (RiskClass c : RiskClass.values()) {
                  e.put(c, 0);
                }
                return e;
              });
      m.merge(cls[i], 1, Integer::sum);
    }
    Map<RiskClass, int[]> nodes = new EnumMap<>(RiskClass.class);
    int[] fill = new int[counts.length];
    for (RiskClass c : RiskClass.values()) {
      nodes.put(c, new int[counts[c.ordinal()]]);
    }
    for (int i = 0; i < scope.size(); i++) {
      nodes.get(cls[i])[fill[cls[i].ordinal()]++] = scope.nodes()[i];
    }
    Map<String, Map<RiskClass, Integer>> frozen = new TreeMap<>();
    bySystem.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
    int total = 0;
    for (int c : counts) {
      total += c;
    }
    if (total != scope.size()) {
      throw new IllegalStateException("classification lost nodes");
    }
    return new Classification(nodes, Collections.unmodifiableMap(frozen));
  }

  /** Number of rebuilt nodes in {@code cls}. */
  public int count(RiskClass cls) {
    return nodes.get(cls).length;
  }

  /** The rebuilt graph nodes in {@code cls}, ascending. */
  public int[] nodes(RiskClass cls) {
    return nodes.get(cls).clone();
  }

  /** Counts per system (sorted by system), each with every class. */
  public Map<String, Map<RiskClass, Integer>> bySystem() {
    return bySystem;
  }
}
