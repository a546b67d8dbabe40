package dev.preflight.graph.testing;

import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import java.util.SplittableRandom;

/**
 * Test helpers shared by every module's tests: a tiny DSL for hand-made graphs and seeded random
 * graphs for property tests.
 */
public final class Graphs {
  /** The system every DSL node gets unless it names one. */
  public static final String DEFAULT_SYSTEM = "x86_64-linux";

  private Graphs() {}

  /**
   * A graph from a comma-separated list of chains and lone nodes: {@code "a->b->c, d, e->c"}. An
   * edge {@code a->b} means a needs b. A node may name its system as {@code name@system}; the id is
   * then {@code name@system} and the name {@code name}. Nodes are numbered in order of first
   * appearance.
   */
  public static PackageGraph graph(String spec) {
    PackageGraphBuilder b = PackageGraph.builder();
    for (String part : spec.split(",")) {
      String chain = part.trim();
      if (chain.isEmpty()) {
        continue;
      }
      String[] names = chain.split("->");
      int previous = -1;
      for (String raw : names) {
        int v = node(b, raw.trim());
        if (previous >= 0) {
          b.addEdge(previous, v);
        }
        previous = v;
      }
    }
    return b.build();
  }

  private static int node(PackageGraphBuilder b, String token) {
    int existing = b.indexOf(token);
    if (existing >= 0) {
      return existing;
    }
    int at = token.indexOf('@');
    String name = at < 0 ? token : token.substring(0, at);
    String system = at < 0 ? DEFAULT_SYSTEM : token.substring(at + 1);
    return b.addNode(NodeRecord.of(token, name, system));
  }

  /**
   * A seeded random graph with {@code n} nodes and about {@code n * meanInputs} edges. With {@code
   * cyclic} false every edge goes from a higher to a lower index (a DAG); with true, a fraction of
   * edges go upwards and create cycles. Node ids are {@code n0, n1, ...}.
   */
  public static PackageGraph random(int n, double meanInputs, boolean cyclic, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    PackageGraphBuilder b = PackageGraph.builder();
    String[] systems = {"x86_64-linux", "aarch64-linux", "x86_64-darwin"};
    for (int v = 0; v < n; v++) {
      b.addNode(NodeRecord.of("n" + v, "n" + v, systems[r.nextInt(systems.length)]));
    }
    long edges = Math.round(n * meanInputs);
    for (long e = 0; e < edges && n > 1; e++) {
      int a = r.nextInt(n);
      int c = r.nextInt(n);
      if (!cyclic || r.nextInt(10) != 0) {
        if (a == c) {
          continue;
        }
        if (a < c) {
          int t = a;
          a = c;
          c = t;
        }
      }
      b.addEdge(a, c);
    }
    return b.build();
  }
}
