package dev.preflight.risk.calibration;

import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.scc.Components;
import dev.preflight.history.BuildResult;
import dev.preflight.history.History;
import dev.preflight.impact.Policy;
import dev.preflight.impact.RebuildSet;
import dev.preflight.impact.ReverseClosure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One synthetic world for a backtest: a nixpkgs-like graph, a year of build history, a change, and
 * the true outcome of rebuilding — drawn from a <b>hidden model that is not the scorer's</b>.
 *
 * <h2>Hidden model</h2>
 *
 * <ul>
 *   <li>Graph: nodes arrive one by one and pick {@code 1 + Poisson(2.5)} inputs among earlier
 *       nodes, half uniformly and half by copying an existing edge's input (preferential
 *       attachment: hubs like a libc emerge); 0.5% of nodes add a 2-cycle. Durations are log-normal
 *       (median 60 s, sigma 1.5); 20% are unknown.
 *   <li>Fragility {@code phi = care * Beta(0.6, 14)} per node (mean 4% before the care factor,
 *       heavy tail), {@code care = 1 / (1 + directDependents / 2)}: packages many others need are
 *       kept working. For 30% of nodes it changed at a random time during the year (the history
 *       before that is misleading).
 *   <li>History: {@code Poisson(12)} builds per node at uniform times over 365 days (nodes with
 *       none are new: the graph says UNKNOWN or GREEN), a two-state chain: a working node breaks
 *       with probability {@code phi}, a broken one stays broken with probability {@code 0.65 *
 *       care} (popular packages get fixed); failures are failed/timeout/cached-failure (85/10/5%);
 *       5% of rows are dependency-failed, 1% aborted. A node with a broken input (transitively)
 *       gets a final dependency-failed row: it is already broken, as on Hydra.
 *   <li>Change: 1–3 changed nodes (half uniform, half by number of dependents); the severity of the
 *       change is a logit shock {@code kappa ~ Normal(-3.3, 1.2)}. A rebuilt node that is broken
 *       now stays broken with probability {@code 0.65 * care}; a working one fails by itself with
 *       probability {@code 1 - (1 - phi) (1 - sigmoid(kappa + 0.8 ln(phi/0.04) - a(d)))}, {@code
 *       a(0) = 0.5} (the author built the changed package), {@code a(d) = 0.9 (d - 1)} for {@code d
 *       >= 1}, {@code d} the distance to the <i>nearest</i> changed node only. (The scorer instead
 *       sums geometric hazards over all changed inputs, uses a log-normal severity on a hazard
 *       scale and a smoothed history rate.) Failures propagate to dependents, except inside a cycle
 *       (cycles are bootstrapped).
 * </ul>
 */
final class SyntheticWorld {
  static final long NOW = 1_790_000_000L;
  static final String SYSTEM = "x86_64-linux";

  final PackageGraph graph;
  final History history;
  final int[] changed;
  final int[] rebuild;
  final int[] distance;

  /**
   * True outcome per graph node: does not build (own or dependency failure); rebuilt nodes only.
   */
  final boolean[] failed;

  /** Whether the node was unusable before the change (broken, or blocked by a broken input). */
  final boolean[] brokenBefore;

  /** True own failure per graph node under the change (rebuilt nodes only). */
  final boolean[] ownFailed;

  /** The hidden probability of that own failure, given this change's severity. */
  final double[] ownProbability;

  private SyntheticWorld(
      PackageGraph graph,
      History history,
      int[] changed,
      int[] rebuild,
      int[] distance,
      boolean[] failed,
      boolean[] brokenBefore,
      boolean[] ownFailed,
      double[] ownProbability) {
    this.graph = graph;
    this.history = history;
    this.changed = changed;
    this.rebuild = rebuild;
    this.distance = distance;
    this.failed = failed;
    this.brokenBefore = brokenBefore;
    this.ownFailed = ownFailed;
    this.ownProbability = ownProbability;
  }

  /**
   * A world with {@code n} nodes whose change rebuilds at least {@code minRebuild} nodes (changes
   * are redrawn until one does).
   */
  static SyntheticWorld generate(long seed, int n, int minRebuild) {
    SplittableRandom r = new SplittableRandom(seed);
    // Graph.
    int[][] inputs = new int[n][];
    int[] edgeTargets = new int[16];
    int edgeCount = 0;
    for (int v = 0; v < n; v++) {
      int want = v == 0 ? 0 : Math.min(v, 1 + poisson(r, 2.5));
      int[] in = new int[want];
      int got = 0;
      int guard = 0;
      while (got < want && guard++ < 50) {
        int u = edgeCount > 0 && r.nextBoolean() ? edgeTargets[r.nextInt(edgeCount)] : r.nextInt(v);
        boolean dup = false;
        for (int q = 0; q < got; q++) {
          dup |= in[q] == u;
        }
        if (!dup) {
          in[got++] = u;
        }
      }
      inputs[v] = Arrays.copyOf(in, got);
      for (int q = 0; q < got; q++) {
        if (edgeCount == edgeTargets.length) {
          edgeTargets = Arrays.copyOf(edgeTargets, edgeCount * 2);
        }
        edgeTargets[edgeCount++] = in[q];
      }
    }
    // Hidden fragility, possibly changed during the year.
    double[] phi = new double[n];
    double[] phiBefore = new double[n];
    long[] changeAt = new long[n];
    for (int v = 0; v < n; v++) {
      phi[v] = beta(r, 0.6, 14);
      boolean drift = r.nextDouble() < 0.3;
      phiBefore[v] = drift ? beta(r, 0.6, 14) : phi[v];
      changeAt[v] = drift ? NOW - (long) (r.nextDouble() * 365 * 86_400) : Long.MIN_VALUE;
    }
    // The shape of the graph (2-cycles included) decides which nodes are blocked by a broken input.
    List<int[]> backEdges = new ArrayList<>();
    for (int v = 1; v < n; v++) {
      if (inputs[v].length > 0 && r.nextDouble() < 0.005) {
        backEdges.add(new int[] {inputs[v][0], v});
      }
    }
    PackageGraph shape = build(n, inputs, backEdges, null, null);
    // Packages many others need are kept working: their chance to break and to stay broken
    // shrinks with their number of direct dependents.
    double[] care = new double[n];
    for (int v = 0; v < n; v++) {
      care[v] = 1 / (1 + shape.dependentCount(v) / 2.0);
      phi[v] *= care[v];
      phiBefore[v] *= care[v];
    }
    // History: a two-state chain per node.
    Map<String, List<History.Entry>> entries = new LinkedHashMap<>();
    boolean[] broken = new boolean[n];
    List<List<History.Entry>> lists = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      int builds = poisson(r, 12);
      long[] times = new long[builds];
      for (int b = 0; b < builds; b++) {
        times[b] = NOW - 3 * 86_400 - (long) (r.nextDouble() * 362 * 86_400);
      }
      Arrays.sort(times);
      List<History.Entry> list = new ArrayList<>();
      boolean state = false;
      for (long t : times) {
        double u = r.nextDouble();
        if (u < 0.05) {
          list.add(new History.Entry(Double.NaN, BuildResult.DEPENDENCY_FAILED, t));
          continue;
        }
        if (u < 0.06) {
          list.add(new History.Entry(Double.NaN, BuildResult.ABORTED, t));
          continue;
        }
        double f = t < changeAt[v] ? phiBefore[v] : phi[v];
        state = state ? r.nextDouble() < 0.65 * care[v] : r.nextDouble() < f;
        BuildResult res;
        if (!state) {
          res = BuildResult.SUCCESS;
        } else {
          double k = r.nextDouble();
          res =
              k < 0.85
                  ? BuildResult.FAILED
                  : k < 0.95 ? BuildResult.TIMEOUT : BuildResult.CACHED_FAILURE;
        }
        list.add(new History.Entry(30 + r.nextDouble() * 600, res, t));
      }
      broken[v] = state;
      lists.add(list);
    }
    // A node with a broken input (transitively) is currently dependency-failed, as on Hydra.
    boolean[] blocked = blocked(shape, broken);
    NodeStatus[] lastStatus = new NodeStatus[n];
    for (int v = 0; v < n; v++) {
      List<History.Entry> list = lists.get(v);
      if (blocked[v]) {
        long t = NOW - (long) (r.nextDouble() * 3 * 86_400);
        list.add(new History.Entry(Double.NaN, BuildResult.DEPENDENCY_FAILED, t));
      }
      if (list.isEmpty()) {
        lastStatus[v] = r.nextBoolean() ? NodeStatus.GREEN : NodeStatus.UNKNOWN;
      } else {
        lastStatus[v] = list.get(list.size() - 1).result().status();
        entries.put(id(v), list);
      }
    }
    double[] seconds = new double[n];
    for (int v = 0; v < n; v++) {
      seconds[v] = r.nextDouble() < 0.2 ? Double.NaN : 60 * Math.exp(1.5 * gaussian(r));
    }
    PackageGraph g = build(n, inputs, backEdges, seconds, lastStatus);
    History history = History.of("synthetic", entries);
    boolean[] unusable = new boolean[n];
    for (int v = 0; v < n; v++) {
      unusable[v] = broken[v] || blocked[v];
    }

    // A change that rebuilds enough; its rebuild set from the impact engine.
    ReverseClosure closure = new ReverseClosure(g);
    for (int attempt = 0; ; attempt++) {
      int k = 1 + r.nextInt(3);
      int[] changed = new int[k];
      for (int j = 0; j < k; j++) {
        changed[j] = r.nextBoolean() ? r.nextInt(n) : byDependents(g, r);
      }
      changed = Arrays.stream(changed).distinct().sorted().toArray();
      RebuildSet set = closure.closure(changed, Policy.TRANSITIVE);
      if (set.size() < minRebuild && attempt < 200) {
        continue;
      }
      int[] rebuild = set.nodes();
      int[] distance = set.distances();
      int[] dist = new int[n];
      Arrays.fill(dist, -1);
      for (int i = 0; i < rebuild.length; i++) {
        dist[rebuild[i]] = distance[i];
      }
      double kappa = -3.3 + 1.2 * gaussian(r);
      boolean[] own = new boolean[n];
      double[] ownP = new double[n];
      for (int v : rebuild) {
        double p;
        if (broken[v]) {
          p = 0.65 * care[v];
        } else {
          int d = dist[v];
          // The changed package itself was usually built by its author: less exposed than d = 1.
          double logit = kappa + 0.8 * Math.log(phi[v] / 0.04) - (d == 0 ? 0.5 : 0.9 * (d - 1));
          double pi = 1 / (1 + Math.exp(-logit));
          p = 1 - (1 - phi[v]) * (1 - pi);
        }
        ownP[v] = p;
        own[v] = r.nextDouble() < p;
      }
      boolean[] failed = propagate(g, dist, own, unusable);
      return new SyntheticWorld(
          g, history, changed, rebuild, distance, failed, unusable, own, ownP);
    }
  }

  private static PackageGraph build(
      int n, int[][] inputs, List<int[]> backEdges, double[] seconds, NodeStatus[] status) {
    PackageGraphBuilder b = PackageGraph.builder().description("synthetic calibration world");
    for (int v = 0; v < n; v++) {
      NodeRecord rec = NodeRecord.of(id(v), "p" + v, SYSTEM);
      if (seconds != null) {
        rec = rec.withBuildSeconds(seconds[v]).withStatus(status[v]);
      }
      b.addNode(rec);
    }
    for (int v = 0; v < n; v++) {
      for (int u : inputs[v]) {
        b.addEdge(v, u);
      }
    }
    for (int[] e : backEdges) {
      b.addEdge(e[0], e[1]);
    }
    return b.build();
  }

  /** Nodes with a broken input in another component, transitively (cycles are bootstrapped). */
  static boolean[] blocked(PackageGraph g, boolean[] broken) {
    Components comps = g.components();
    boolean[] blocked = new boolean[g.nodeCount()];
    for (int c = 0; c < comps.count(); c++) {
      for (int p = comps.membersStart(c); p < comps.membersEnd(c); p++) {
        int v = comps.member(p);
        for (int q = g.inputsStart(v); q < g.inputsEnd(v); q++) {
          int u = g.input(q);
          if (comps.componentOf(u) != c && (broken[u] || blocked[u])) {
            blocked[v] = true;
          }
        }
      }
    }
    return blocked;
  }

  static String id(int v) {
    return "p" + v + "." + SYSTEM;
  }

  /**
   * Failure per rebuilt node: its own, a rebuilt input's from another strongly connected component
   * (cycles are bootstrapped against the previous binaries), or a not rebuilt input that is
   * unusable (broken or blocked before the change, and not rebuilt, so still so).
   */
  static boolean[] propagate(PackageGraph g, int[] dist, boolean[] own, boolean[] unusable) {
    Components comps = g.components();
    boolean[] failed = new boolean[g.nodeCount()];
    for (int c = 0; c < comps.count(); c++) { // dependency-first order
      for (int p = comps.membersStart(c); p < comps.membersEnd(c); p++) {
        int v = comps.member(p);
        if (dist[v] < 0) {
          continue;
        }
        boolean f = own[v];
        for (int q = g.inputsStart(v); q < g.inputsEnd(v); q++) {
          int u = g.input(q);
          if (comps.componentOf(u) == c) {
            continue;
          }
          f |= dist[u] < 0 ? unusable[u] : failed[u];
        }
        failed[v] = f;
      }
    }
    return failed;
  }

  private static int byDependents(PackageGraph g, SplittableRandom r) {
    long total = 0;
    for (int v = 0; v < g.nodeCount(); v++) {
      total += g.dependentCount(v);
    }
    long pick = (long) (r.nextDouble() * total);
    for (int v = 0; v < g.nodeCount(); v++) {
      pick -= g.dependentCount(v);
      if (pick < 0) {
        return v;
      }
    }
    return r.nextInt(g.nodeCount());
  }

  static int poisson(SplittableRandom r, double mean) {
    double l = Math.exp(-mean);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > l);
    return k - 1;
  }

  static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Marsaglia-Tsang; shapes below 1 by the {@code U^(1/a)} boost. */
  static double gamma(SplittableRandom r, double shape) {
    if (shape < 1) {
      return gamma(r, shape + 1) * Math.pow(1 - r.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = gaussian(r);
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = 1 - r.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  static double beta(SplittableRandom r, double a, double b) {
    double x = gamma(r, a);
    double y = gamma(r, b);
    return x / (x + y);
  }
}
