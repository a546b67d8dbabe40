package dev.preflight.risk.calibration;

import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import dev.preflight.history.BuildResult;
import dev.preflight.history.History;
import dev.preflight.history.HistoryFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a seeded synthetic build history for the nodes of a graph, consistent with their {@code
 * lastStatus}: the hidden two-state chain of {@link SyntheticWorld} (fragility {@code care *
 * Beta(0.6, 14)}) over {@code days} days, {@code Poisson(builds)} results per node, then a final
 * result that matches the graph (success for GREEN; for RED a dependency failure when a RED input
 * explains it, else an own failure; no history at all for UNKNOWN). The bundled fixture was made
 * with:
 *
 * <pre>
 * java -cp cli/target/preflight.jar dev.preflight.risk.calibration.HistoryGenerator \
 *   --graph fixtures/sample/nixpkgs-sample.json --seed 1 \
 *   -o fixtures/history/nixpkgs-sample-history.csv
 * </pre>
 */
public final class HistoryGenerator {
  /** The history's newest result: 2026-11-01T00:00:00Z. */
  static final long END = 1_793_491_200L;

  private HistoryGenerator() {}

  /** The history of {@code graph}'s nodes. */
  public static History generate(PackageGraph g, long seed, int days, double builds) {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, List<History.Entry>> entries = new LinkedHashMap<>();
    for (int v = 0; v < g.nodeCount(); v++) {
      NodeStatus last = g.lastStatus(v);
      if (last == NodeStatus.UNKNOWN) {
        continue;
      }
      double care = 1 / (1 + g.dependentCount(v) / 2.0);
      double phi = care * SyntheticWorld.beta(r, 0.6, 14);
      int n = SyntheticWorld.poisson(r, builds);
      long[] times = new long[n];
      for (int b = 0; b < n; b++) {
        times[b] = END - 86_400 - (long) (r.nextDouble() * (days - 1) * 86_400);
      }
      java.util.Arrays.sort(times);
      double seconds = Double.isNaN(g.buildSeconds(v)) ? 300 : g.buildSeconds(v);
      List<History.Entry> list = new ArrayList<>();
      boolean broken = false;
      for (long t : times) {
        broken = broken ? r.nextDouble() < 0.65 * care : r.nextDouble() < phi;
        double s = Math.round(seconds * Math.exp(0.2 * SyntheticWorld.gaussian(r)));
        list.add(new History.Entry(s, broken ? BuildResult.FAILED : BuildResult.SUCCESS, t));
      }
      long t = END - (long) (r.nextDouble() * 3600);
      if (last == NodeStatus.GREEN) {
        list.add(new History.Entry(seconds, BuildResult.SUCCESS, t));
      } else {
        boolean inputRed = false;
        for (int u : g.inputsOf(v)) {
          inputRed |= g.lastStatus(u) == NodeStatus.RED;
        }
        list.add(
            inputRed
                ? new History.Entry(Double.NaN, BuildResult.DEPENDENCY_FAILED, t)
                : new History.Entry(seconds, BuildResult.FAILED, t));
      }
      entries.put(g.id(v), list);
    }
    return History.of("generated, seed " + seed, entries);
  }

  /** {@code --graph G --seed S [--days 365] [--builds 12] -o FILE}. */
  public static void main(String[] args) {
    Path graph = null;
    Path out = null;
    long seed = 1;
    int days = 365;
    double builds = 12;
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--graph" -> graph = Path.of(args[++a]);
        case "--seed" -> seed = Long.parseLong(args[++a]);
        case "--days" -> days = Integer.parseInt(args[++a]);
        case "--builds" -> builds = Double.parseDouble(args[++a]);
        case "-o" -> out = Path.of(args[++a]);
        default -> {
          System.err.println("unknown argument " + args[a]);
          System.exit(2);
        }
      }
    }
    if (graph == null || out == null) {
      System.err.println(
          "usage: HistoryGenerator --graph G [--seed S] [--days D] [--builds B] -o FILE");
      System.exit(2);
    }
    PackageGraph g = GraphFormat.load(graph, null, Progress.NONE);
    HistoryFile.write(generate(g, seed, days, builds), out);
  }
}
