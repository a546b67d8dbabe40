package dev.preflight.cost;

import static dev.preflight.cost.CostFixtures.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.testing.Graphs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.Test;

/**
 * Every scheduler and every {@link BuildOrder} over seeded random graphs with cycles and random
 * clusters with speed factors, checked from outside: the oracle is built here from the graph's
 * forward edges (its own JGraphT graph, SCCs, levels and longest paths by brute-force relaxation),
 * never from {@link JobGraph}.
 */
final class CycleSchedulePropertyTest {
  private static final double EPS = 1e-6;

  /** The test's own view of one rebuild: forward edges, SCCs, the order's predecessors. */
  private static final class Oracle {
    final int[] nodes;
    final double[] seconds;
    final int[] scc;
    final int[] level;
    final List<List<Integer>> inputs = new ArrayList<>(); // DAG inputs, positions

    Oracle(PackageGraph g, int[] nodes, Durations durations) {
      this.nodes = nodes;
      int k = nodes.length;
      Map<Integer, Integer> pos = new HashMap<>();
      for (int i = 0; i < k; i++) {
        pos.put(nodes[i], i);
      }
      Graph<Integer, DefaultEdge> fwd = new DefaultDirectedGraph<>(DefaultEdge.class);
      for (int i = 0; i < k; i++) {
        fwd.addVertex(i);
      }
      // Forward edges: input -> dependent, read from the dependents side of the graph.
      for (int i = 0; i < k; i++) {
        int v = nodes[i];
        for (int p = g.dependentsStart(v); p < g.dependentsEnd(v); p++) {
          Integer d = pos.get(g.dependent(p));
          if (d != null && d != i) {
            fwd.addEdge(i, d);
          }
        }
      }
      this.scc = new int[k];
      List<Set<Integer>> sets =
          new KosarajuStrongConnectivityInspector<>(fwd).stronglyConnectedSets();
      for (int c = 0; c < sets.size(); c++) {
        for (int i : sets.get(c)) {
          scc[i] = c;
        }
      }
      this.seconds = new double[k];
      for (int i = 0; i < k; i++) {
        seconds[i] = durations.point(nodes[i]);
        inputs.add(new ArrayList<>());
      }
      for (DefaultEdge e : fwd.edgeSet()) {
        int from = fwd.getEdgeSource(e);
        int to = fwd.getEdgeTarget(e);
        if (scc[from] != scc[to]) {
          inputs.get(to).add(from);
        }
      }
      // ben's levels over the condensation, by relaxation to a fixed point.
      int[] compLevel = new int[sets.size()];
      boolean changed = true;
      while (changed) {
        changed = false;
        for (DefaultEdge e : fwd.edgeSet()) {
          int a = scc[fwd.getEdgeSource(e)];
          int b = scc[fwd.getEdgeTarget(e)];
          if (a != b && compLevel[b] < compLevel[a] + 1) {
            compLevel[b] = compLevel[a] + 1;
            changed = true;
          }
        }
      }
      this.level = new int[k];
      for (int i = 0; i < k; i++) {
        level[i] = compLevel[scc[i]];
      }
    }

    /** The makespan with unlimited machines of speed {@code speed}: brute force per order. */
    double unlimited(BuildOrder order, double speed) {
      int k = nodes.length;
      switch (order) {
        case INDEPENDENT -> {
          double max = 0;
          for (double s : seconds) {
            max = Math.max(max, s);
          }
          return max / speed;
        }
        case LEVELS -> {
          Map<Integer, Double> maxOf = new HashMap<>();
          for (int i = 0; i < k; i++) {
            maxOf.merge(level[i], seconds[i], Math::max);
          }
          return maxOf.values().stream().mapToDouble(Double::doubleValue).sum() / speed;
        }
        default -> {
          double[] finish = seconds.clone();
          for (int round = 0; round < k; round++) {
            for (int i = 0; i < k; i++) {
              for (int u : inputs.get(i)) {
                finish[i] = Math.max(finish[i], finish[u] + seconds[i]);
              }
            }
          }
          double max = 0;
          for (double f : finish) {
            max = Math.max(max, f);
          }
          return max / speed;
        }
      }
    }
  }

  @Test
  void everySchedulerAndOrder_boundsHold_precedenceHolds_cyclesAreNeverSerialised() {
    int checked = 0;
    for (long seed = 1; seed <= 24; seed++) {
      SplittableRandom r = new SplittableRandom(seed * 7919);
      int n = 15 + r.nextInt(30);
      PackageGraph g = CostFixtures.randomTimed(n, 1.5 + r.nextDouble() * 1.5, true, 50, seed);
      int[] set = r.nextBoolean() ? all(n) : subset(n, r);
      Durations durations = DurationModel.estimate(g, null, SETTINGS);
      Oracle o = new Oracle(g, set, durations);
      Cluster cluster = randomCluster(r);
      for (BuildOrder order : BuildOrder.values()) {
        Workload w = Workload.of(JobGraph.of(g, set, order), durations, SETTINGS);
        JobGraph jobs = w.jobs();
        for (Scheduler s : Scheduler.values()) {
          String what = "seed " + seed + " " + order.label() + " " + s.label();
          Simulator sim = Simulator.compile(w, cluster, s, Set.of(), SETTINGS);
          Run run = sim.run();
          assertTrue(sim.lowerBoundSeconds() <= run.makespanSeconds() + EPS, what + ": LB");
          assertTrue(
              sim.criticalPath().length() <= run.makespanSeconds() + EPS, what + ": critical");
          // Precedence from outside: each build starts after its oracle predecessors finish.
          double[] levelEnd = new double[set.length + 1];
          for (int i = 0; i < set.length; i++) {
            levelEnd[o.level[i]] =
                Math.max(levelEnd[o.level[i]], run.finish()[jobs.jobOfNode(set[i])]);
          }
          for (int i = 0; i < set.length; i++) {
            double start = run.start()[jobs.jobOfNode(set[i])];
            if (order != BuildOrder.INDEPENDENT) {
              for (int u : o.inputs.get(i)) {
                assertTrue(run.finish()[jobs.jobOfNode(set[u])] <= start + EPS, what);
              }
            }
            if (order == BuildOrder.LEVELS && o.level[i] > 0) {
              assertTrue(levelEnd[o.level[i] - 1] <= start + EPS, what + ": level barrier");
            }
          }
          checked++;
        }
        // With unlimited machines every build starts as soon as the order lets it: the makespan
        // is the oracle's critical path, so no cycle was serialised.
        double speed = 0.5 + r.nextDouble() * 3.5;
        Cluster unlimited = new Cluster("unlimited", List.of(pool("u", set.length, 1, speed)));
        for (Scheduler s : Scheduler.values()) {
          Simulator sim = Simulator.compile(w, unlimited, s, Set.of(), SETTINGS);
          double expected = o.unlimited(order, speed);
          assertEquals(
              expected, sim.run().makespanSeconds(), EPS * Math.max(1, expected), "seed " + seed);
          assertEquals(expected, sim.criticalPath().length(), EPS * Math.max(1, expected));
        }
      }
    }
    assertTrue(checked > 24 * 3 * 5);
  }

  @Test
  void anEightyThreeBuildCycleOfOneHourBuilds_takesAboutOneHourOn100Slots() {
    StringBuilder spec = new StringBuilder();
    for (int i = 0; i < 83; i++) {
      spec.append(i == 0 ? "" : ", ").append("c").append(i).append("->c").append((i + 1) % 83);
    }
    spec.append(", after->c0");
    PackageGraph base = Graphs.graph(spec.toString());
    PackageGraph g = CostFixtures.rewrite(base, v -> base.record(v).withBuildSeconds(3600));
    Cluster c = new Cluster("100", List.of(pool("p", 25, 4, 1)));
    for (BuildOrder order : BuildOrder.values()) {
      Workload w =
          Workload.of(JobGraph.all(g, order), DurationModel.estimate(g, null, SETTINGS), SETTINGS);
      assertEquals(1, w.jobs().cycleCount());
      assertEquals(83, w.jobs().cycleMemberCount());
      for (Scheduler s : Scheduler.values()) {
        double makespan = Simulator.compile(w, c, s, Set.of(), SETTINGS).run().makespanSeconds();
        // The cycle takes one hour, not 83; "after" needs c0 (except independent).
        assertEquals(order == BuildOrder.INDEPENDENT ? 3600 : 7200, makespan, order + " " + s);
      }
    }
  }

  private static int[] all(int n) {
    return java.util.stream.IntStream.range(0, n).toArray();
  }

  private static int[] subset(int n, SplittableRandom r) {
    int[] s = java.util.stream.IntStream.range(0, n).filter(v -> r.nextInt(4) > 0).toArray();
    return s.length == 0 ? new int[] {0} : s;
  }

  private static Cluster randomCluster(SplittableRandom r) {
    int pools = 1 + r.nextInt(3);
    List<Pool> list = new ArrayList<>();
    for (int p = 0; p < pools; p++) {
      list.add(pool("p" + p, 1 + r.nextInt(3), 1 + r.nextInt(4), 0.5 + r.nextDouble() * 3.5));
    }
    return new Cluster("random", list);
  }

  private static Pool pool(String name, int count, int slots, double speed) {
    return new Pool(
        name,
        count,
        List.of(Pool.ANY),
        slots,
        speed,
        List.of(),
        List.of(),
        1,
        0,
        Cluster.defaultBilling(SETTINGS),
        null);
  }
}
