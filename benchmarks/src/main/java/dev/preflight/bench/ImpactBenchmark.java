package dev.preflight.bench;

import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.Progress;
import dev.preflight.impact.BfsProfile;
import dev.preflight.impact.ClosureEngine;
import dev.preflight.impact.ClosureEngines;
import dev.preflight.impact.CondensationProfile;
import dev.preflight.impact.ImpactProfile;
import dev.preflight.impact.Policy;
import dev.preflight.impact.RebuildSet;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Speed targets of the impact engine (issue 4): one change whose rebuild set covers almost the
 * whole Debian-sized graph in at most 1 ms warm; the impact profile of all its nodes in at most 150
 * ms on 2 cores (the per-node BFS baseline is measured alongside); one change on a 1,000,000-node
 * graph in at most 100 ms.
 *
 * <p>Inputs: until the bundled Debian graph and the nixpkgs-like generator are merged, the graphs
 * are built here, seeded, in the shape the Debian graph is measured to have (DESIGN.md §5): {@code
 * 34,288} nodes, one strongly connected component of {@code 4,900} (the debhelper/toolchain cycle)
 * that 99.8% of the other nodes need, {@code 150} base nodes below it, about nine inputs per node
 * (~300,000 edges). The changed node is the base node with the largest rebuild set. The 1M-node
 * graph has the same shape scaled up (cycle of 20,000, 1,000 base nodes, ~8 inputs).
 *
 * <p>Run (only smoke-run on a shared machine):
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests &amp;&amp; java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' org.openjdk.jmh.Main ImpactBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
      "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
      "-Dio.netty.tryReflectionSetAccessible=true"
    })
public class ImpactBenchmark {

  /** The Debian-sized graph and its worst single change. */
  @State(Scope.Benchmark)
  public static class DebianLike {
    @Param({"bfs", "parallel"})
    public String engine;

    PackageGraph graph;
    int[] change;
    ClosureEngine closure;
    ExecutorService executor;

    @Setup(Level.Trial)
    public void setup() {
      graph = debianLike(34_288, 4_900, 150, 9, 20261122L);
      change = new int[] {biggestBaseNode(graph, 4_900, 150)};
      executor = Executors.newFixedThreadPool(2);
      closure = ClosureEngines.parse(engine).create(graph, executor, 2);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      executor.shutdownNow();
    }
  }

  /** The same graph for the profile (no engine parameter). */
  @State(Scope.Benchmark)
  public static class ProfileInput {
    PackageGraph graph;
    ExecutorService executor;

    @Setup(Level.Trial)
    public void setup() {
      graph = debianLike(34_288, 4_900, 150, 9, 20261122L);
      graph.components(); // cached by the graph; not part of the profile's cost
      executor = Executors.newFixedThreadPool(2);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      executor.shutdownNow();
    }
  }

  /** A 1,000,000-node graph of the same shape. */
  @State(Scope.Benchmark)
  public static class Million {
    PackageGraph graph;
    int[] change;
    ClosureEngine closure;

    @Setup(Level.Trial)
    public void setup() {
      graph = debianLike(1_000_000, 20_000, 1_000, 8, 7L);
      change = new int[] {biggestBaseNode(graph, 20_000, 1_000)};
      closure = ClosureEngines.BFS.create(graph, null, 1);
    }
  }

  @Benchmark
  public RebuildSet singleChangeBiggestClosure(DebianLike s) {
    return s.closure.closure(s.change, Policy.TRANSITIVE);
  }

  @Benchmark
  public ImpactProfile profileBitset(ProfileInput s) {
    return new CondensationProfile().profile(s.graph, s.executor, 2, Progress.NONE);
  }

  @Benchmark
  public ImpactProfile profileBfsBaseline(ProfileInput s) {
    return new BfsProfile().profile(s.graph, s.executor, 2, Progress.NONE);
  }

  @Benchmark
  public RebuildSet singleChangeMillionNodes(Million s) {
    return s.closure.closure(s.change, Policy.TRANSITIVE);
  }

  /**
   * A seeded graph shaped like Debian's build-dependency graph: nodes {@code [0, cycle)} form one
   * strongly connected component (a ring plus random chords); nodes {@code [cycle, cycle + base)}
   * are below it (the cycle needs them; they need only lower base nodes); every other node needs a
   * cycle member with probability 0.998 and about {@code inputs} further inputs, half in the cycle
   * and half among lower-numbered upper nodes.
   */
  static PackageGraph debianLike(int n, int cycle, int base, int inputs, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    PackageGraphBuilder b = PackageGraph.builder();
    for (int v = 0; v < n; v++) {
      b.addNode(NodeRecord.of("src" + v + "@amd64", "src" + v, "amd64"));
    }
    for (int v = 0; v < cycle; v++) {
      b.addEdge(v, (v + 1) % cycle);
      for (int k = 0; k < 4; k++) {
        b.addEdge(v, r.nextInt(cycle));
      }
      b.addEdge(v, cycle + r.nextInt(base));
    }
    for (int v = cycle + 1; v < cycle + base; v++) {
      int k = r.nextInt(3);
      for (int e = 0; e < k; e++) {
        b.addEdge(v, cycle + r.nextInt(v - cycle));
      }
    }
    int upper = cycle + base;
    for (int v = upper; v < n; v++) {
      if (r.nextInt(1000) >= 2) {
        b.addEdge(v, r.nextInt(cycle));
      }
      int k = r.nextInt(2 * inputs);
      for (int e = 0; e < k; e++) {
        if (r.nextBoolean() || v == upper) {
          b.addEdge(v, r.nextInt(cycle));
        } else {
          b.addEdge(v, upper + r.nextInt(v - upper));
        }
      }
    }
    return b.build();
  }

  /** The base node whose change rebuilds the most (the lowest of the base chain). */
  static int biggestBaseNode(PackageGraph g, int cycle, int base) {
    ClosureEngine bfs = ClosureEngines.BFS.create(g, null, 1);
    int best = cycle;
    int bestSize = -1;
    for (int v = cycle; v < cycle + Math.min(base, 50); v++) {
      int size = bfs.closure(new int[] {v}, Policy.TRANSITIVE).size();
      if (size > bestSize) {
        best = v;
        bestSize = size;
      }
    }
    return best;
  }
}
