package dev.preflight.cost;

import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.testing.Graphs;
import dev.preflight.settings.CostSettings;
import dev.preflight.settings.Settings;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/** Graphs with durations and clusters for the cost tests. */
final class CostFixtures {
  static final CostSettings SETTINGS = Settings.defaults().cost();

  private CostFixtures() {}

  /** A DSL graph of 10 s builds, then rewritten by {@code edit} (keyed by name). */
  static PackageGraph graph(String spec, Map<String, UnaryOperator<NodeRecord>> edit) {
    PackageGraph g = Graphs.graph(spec);
    return rewrite(
        g, v -> edit.getOrDefault(g.name(v), r -> r).apply(g.record(v).withBuildSeconds(10)));
  }

  /** A DSL graph where every node takes {@code seconds[name]} (others 10 s). */
  static PackageGraph timed(String spec, Map<String, Double> seconds) {
    PackageGraph g = Graphs.graph(spec);
    return rewrite(g, v -> g.record(v).withBuildSeconds(seconds.getOrDefault(g.name(v), 10.0)));
  }

  /** A seeded random graph whose nodes take whole seconds in {@code [1, maxSeconds]}. */
  static PackageGraph randomTimed(
      int n, double meanInputs, boolean cyclic, int maxSeconds, long seed) {
    PackageGraph g = Graphs.random(n, meanInputs, cyclic, seed);
    SplittableRandom r = new SplittableRandom(seed * 31 + 7);
    double[] s = new double[n];
    for (int v = 0; v < n; v++) {
      s[v] = 1 + r.nextInt(maxSeconds);
    }
    return rewrite(g, v -> g.record(v).withBuildSeconds(s[v]));
  }

  /** {@code g} with node {@code v}'s record replaced by {@code record.apply(v)}. */
  static PackageGraph rewrite(PackageGraph g, java.util.function.IntFunction<NodeRecord> record) {
    PackageGraphBuilder b = PackageGraph.builder();
    for (int v = 0; v < g.nodeCount(); v++) {
      b.addNode(record.apply(v));
    }
    for (int v = 0; v < g.nodeCount(); v++) {
      for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
        b.addEdge(v, g.input(p));
      }
    }
    return b.build();
  }

  static UnaryOperator<NodeRecord> seconds(double s) {
    return r -> r.withBuildSeconds(s);
  }

  static UnaryOperator<NodeRecord> channel(double s, String channel) {
    return r -> r.withBuildSeconds(s).withChannels(List.of(channel));
  }

  static UnaryOperator<NodeRecord> red(double s) {
    return r -> r.withBuildSeconds(s).withStatus(NodeStatus.RED);
  }

  /** The workload of rebuilding every node with durations from the graph (default settings). */
  static Workload all(PackageGraph g) {
    return Workload.of(JobGraph.all(g), DurationModel.estimate(g, null, SETTINGS), SETTINGS);
  }

  /** One pool of {@code builders} x {@code slots}, any system, speed 1. */
  static Cluster identical(int builders, int slots) {
    return Cluster.shorthand(builders, slots, SETTINGS);
  }

  /** A fixed pool with the given shape. */
  static Pool pool(String name, int count, int slots, double speed, double pricePerHour) {
    return new Pool(
        name,
        count,
        List.of(Pool.ANY),
        slots,
        speed,
        List.of(),
        List.of(),
        pricePerHour,
        0,
        new Billing(1, 0),
        null);
  }

  static Run run(PackageGraph g, Cluster c, Scheduler s) {
    return Simulator.compile(all(g), c, s, java.util.Set.of(), SETTINGS).run();
  }

  /** The finish time of the job holding the node named {@code name}. */
  static double finishOf(PackageGraph g, Run run, String name) {
    JobGraph jobs = JobGraph.all(g);
    return run.finish()[jobs.jobOfNode(g.nodesNamed(name)[0])];
  }

  /** The start time of the job holding the node named {@code name}. */
  static double startOf(PackageGraph g, Run run, String name) {
    JobGraph jobs = JobGraph.all(g);
    return run.start()[jobs.jobOfNode(g.nodesNamed(name)[0])];
  }
}
