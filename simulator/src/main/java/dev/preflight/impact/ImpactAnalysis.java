package dev.preflight.impact;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.settings.ImpactSettings;
import java.util.concurrent.ExecutorService;

/**
 * The entry point of the impact engine for commands: picks the closure engine, runs the cutoff
 * simulation when asked, and builds the {@link ImpactReport} and the {@link ImpactProfile}.
 *
 * <p>Engine choice: a change of fewer than {@link #PARALLEL_SEEDS} nodes (or no executor) runs on
 * the sequential {@link ReverseClosure}, which allocates only its result; bigger changes (changes
 * files, snapshot diffs) run on {@link ParallelClosure}. Both give identical answers.
 *
 * <p>Thread-safety: not for concurrent use (engines hold scratch arrays); the executor is the
 * caller's and may be null for single-threaded use.
 */
public final class ImpactAnalysis {
  /** Changes with at least this many nodes use the parallel engine when an executor is given. */
  public static final int PARALLEL_SEEDS = 256;

  private final PackageGraph graph;
  private final ImpactSettings settings;
  private final ExecutorService executor;
  private final int parallelism;
  private ReverseClosure bfs;

  /**
   * @param executor the caller's executor for parallel parts, or null
   * @param parallelism how many tasks parallel parts are split into
   */
  public ImpactAnalysis(
      PackageGraph graph, ImpactSettings settings, ExecutorService executor, int parallelism) {
    this.graph = graph;
    this.settings = settings;
    this.executor = executor;
    this.parallelism = executor == null ? 1 : Math.max(1, parallelism);
  }

  public PackageGraph graph() {
    return graph;
  }

  /** The rebuild set of {@code seeds} under a deterministic policy. */
  public RebuildSet rebuildSet(int[] seeds, Policy policy) {
    if (policy.relation() != null) {
      return policy.rebuildSet(graph, seeds);
    }
    if (executor != null && parallelism > 1 && seeds.length >= PARALLEL_SEEDS) {
      return new ParallelClosure(graph, executor, parallelism).closure(seeds, policy);
    }
    if (bfs == null) {
      bfs = new ReverseClosure(graph);
    }
    return bfs.closure(seeds, policy);
  }

  /** The report with the settings' sample count and seed for {@code cutoff}. */
  public ImpactReport analyze(Changes changes, Policy policy) {
    return analyze(changes, policy, settings.cutoffSamples(), settings.seed());
  }

  /** The report; {@code samples} and {@code seed} apply to {@code cutoff} only. */
  public ImpactReport analyze(Changes changes, Policy policy, int samples, long seed) {
    OfborgLabels labels = new OfborgLabels(settings.labelBuckets(), settings.largeLabelBuckets());
    int[] seeds = changes.nodes();
    if (policy == Policy.CUTOFF) {
      CutoffSimulation sim = new CutoffSimulation(graph, settings.defaultUnchangedProbability());
      CutoffStats stats = sim.simulate(seeds, samples, seed, executor, parallelism);
      return ImpactReport.of(graph, changes, policy, sim.possible(seeds), labels, stats);
    }
    return ImpactReport.of(
        policy.closureView(graph), changes, policy, rebuildSet(seeds, policy), labels, null);
  }

  /** The impact profile of the whole graph with the given engine. */
  public ImpactProfile profile(ProfileEngines engine, Progress progress) {
    ExecutorService ex = executor;
    if (ex == null) {
      // Single-threaded use: run the tasks inline on a same-thread executor of our own.
      ex = new InlineExecutor();
    }
    try {
      return engine
          .create(settings.profileBudgetMiB() << 20)
          .profile(graph, ex, parallelism, progress);
    } finally {
      if (ex != executor) {
        ex.shutdown();
      }
    }
  }

  /** Runs each task on the submitting thread. */
  private static final class InlineExecutor extends java.util.concurrent.AbstractExecutorService {
    private volatile boolean shutdown;

    @Override
    public void execute(Runnable command) {
      command.run();
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public java.util.List<Runnable> shutdownNow() {
      shutdown = true;
      return java.util.List.of();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit) {
      return true;
    }
  }
}
