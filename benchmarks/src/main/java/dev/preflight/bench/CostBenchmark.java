package dev.preflight.bench;

import dev.preflight.cost.Cluster;
import dev.preflight.cost.CostAnalysis;
import dev.preflight.cost.CostReport;
import dev.preflight.cost.DurationModel;
import dev.preflight.cost.FailureModel;
import dev.preflight.cost.JobGraph;
import dev.preflight.cost.Run;
import dev.preflight.cost.Scheduler;
import dev.preflight.cost.Simulator;
import dev.preflight.cost.Workload;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.settings.CostSettings;
import dev.preflight.settings.Settings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost simulator's speed targets (issue 5): a 30,000-build rebuild on 1,000 slots simulated in
 * at most 300 ms ({@link #simulate30kOn1000Slots}); a 16-size cost curve of that rebuild in at most
 * 2 s ({@link #costCurve16Sizes}, sizes 1..32768 builders of 8 slots, on a 2-thread executor); 100
 * Monte Carlo samples of a 5,000-build rebuild in at most 5 s ({@link #monteCarlo100Samples}).
 *
 * <p>Input: {@code preflight generate --nodes 30000 --seed 1} (the project's synthetic nixpkgs-like
 * graph, four systems, build durations with the Debian rebuild shape); the Monte Carlo rebuild is
 * every sixth node of it.
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks -am package -DskipTests && java -cp
 * 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' org.openjdk.jmh.Main CostBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CostBenchmark extends Forked {
  private static final int NODES = 30_000;
  private static final int MONTE_CARLO_BUILDS = 5_000;

  @Param({"hydra", "critical-path"})
  public String scheduler;

  private CostSettings settings;
  private Simulator full;
  private Workload fullWorkload;
  private Workload monteCarloWorkload;
  private ExecutorService executor;
  private List<Integer> sizes;

  @Setup(Level.Trial)
  public void setUp() {
    settings = Settings.defaults().cost();
    PackageGraph g = BenchGraphs.generated(NODES, 1);
    fullWorkload =
        Workload.of(JobGraph.all(g), DurationModel.estimate(g, null, settings), settings);
    full =
        Simulator.compile(
            fullWorkload,
            Cluster.shorthand(125, 8, settings),
            Scheduler.byName(scheduler),
            Set.of(),
            settings);
    int[] subset = new int[MONTE_CARLO_BUILDS];
    Arrays.setAll(subset, i -> i * (NODES / MONTE_CARLO_BUILDS));
    monteCarloWorkload =
        Workload.of(JobGraph.of(g, subset), DurationModel.estimate(g, null, settings), settings);
    sizes = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      sizes.add(1 << i);
    }
    executor = Executors.newFixedThreadPool(2);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    executor.shutdownNow();
  }

  @Benchmark
  public Run simulate30kOn1000Slots() {
    return full.run(fullWorkload.points(), null, true);
  }

  @Benchmark
  public CostReport costCurve16Sizes() {
    return CostAnalysis.analyze(
        new CostAnalysis.Request(
            fullWorkload,
            Cluster.shorthand(1, 8, settings),
            Scheduler.byName(scheduler),
            Set.of(),
            FailureModel.none(),
            sizes,
            0,
            1,
            true),
        settings,
        executor,
        Progress.NONE);
  }

  @Benchmark
  public CostReport monteCarlo100Samples() {
    return CostAnalysis.analyze(
        new CostAnalysis.Request(
            monteCarloWorkload,
            Cluster.shorthand(20, 8, settings),
            Scheduler.byName(scheduler),
            Set.of(),
            FailureModel.none(),
            List.of(),
            100,
            1,
            true),
        settings,
        executor,
        Progress.NONE);
  }
}
