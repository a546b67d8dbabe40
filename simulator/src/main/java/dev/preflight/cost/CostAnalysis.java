package dev.preflight.cost;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.settings.CostSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Computes a {@link CostReport}: one run with expected durations (all series and per-build
 * answers), then, if asked, one run per cluster size (the cost curve) and {@code samples} runs with
 * drawn durations; with both, the same {@code samples} draws run again at every cluster size, so
 * each curve point carries its own p50 and p90 (the band of the HTML chart).
 *
 * <p><b>Knee.</b> For sizes {@code s_1 < ... < s_n} with makespans {@code M_i}, the knee is the
 * smallest {@code s_i} from which every further step improves the makespan by less than {@code
 * kneeImprovement}: {@code (M_j - M_{j+1}) / M_j < kneeImprovement} for all {@code j >= i}. Beyond
 * it, doubling the cluster buys little time (the critical path dominates); it is the last size if
 * the curve never flattens.
 *
 * <p><b>Determinism.</b> A root {@code SplittableRandom(seed)} gives the expected run's failure
 * draw (its first split) and one seed per sample (then drawn in order), so the report is the same
 * for the same inputs whatever the executor.
 *
 * <p><b>Threads.</b> Curve sizes and samples run as tasks on the caller's executor (or inline when
 * it is null); a failure in a task is rethrown with its cause. Stateless; thread-safe.
 */
public final class CostAnalysis {
  /**
   * Monte Carlo runs at most: nearest-rank p50 and p90 settle within a few thousand runs, and every
   * run is a whole simulation (a 5,000-build rebuild takes a few ms of CPU per run).
   */
  public static final int MAX_SAMPLES = 100_000;

  private CostAnalysis() {}

  /**
   * What to analyse.
   *
   * @param workload the jobs with their durations
   * @param cluster the cluster (size 1 of the curve)
   * @param scheduler the dispatch policy
   * @param channels channel-first's channels (empty: all)
   * @param failures which builds fail
   * @param sizes cluster scale factors for the curve, ascending and distinct; empty for none
   * @param samples Monte Carlo runs; 0 for none
   * @param seed seed of failure and duration draws
   * @param defaultOrder whether the workload's {@link BuildOrder} is the default for its graph and
   *     policy ({@link BuildOrder#defaultFor}) rather than one asked for; reports say which
   */
  public record Request(
      Workload workload,
      Cluster cluster,
      Scheduler scheduler,
      Set<String> channels,
      FailureModel failures,
      List<Integer> sizes,
      int samples,
      long seed,
      boolean defaultOrder) {
    public Request {
      channels = Set.copyOf(channels);
      sizes = List.copyOf(sizes);
      for (int i = 0; i < sizes.size(); i++) {
        if (sizes.get(i) < 1 || (i > 0 && sizes.get(i) <= sizes.get(i - 1))) {
          throw new IllegalArgumentException("sizes must be >= 1, ascending and distinct");
        }
      }
      if (samples < 0 || samples > MAX_SAMPLES) {
        throw new IllegalArgumentException("samples must be in [0, " + MAX_SAMPLES + "]");
      }
      if (!sizes.isEmpty() && sizes.get(sizes.size() - 1) > cluster.maxScale()) {
        throw new IllegalArgumentException(
            "size " + sizes.get(sizes.size() - 1) + " exceeds the cluster's maxScale");
      }
    }
  }

  /** Runs every simulation the request asks for and gathers the answers. */
  public static CostReport analyze(
      Request r, CostSettings s, ExecutorService executor, Progress progress) {
    return analyzeWithRun(r, s, executor, progress).report();
  }

  /**
   * The report and the run its totals come from (the expected durations, the request's failure
   * draw, series recorded): per-build start and finish times for callers that show the schedule
   * without simulating it a second time.
   *
   * @param report the cost report
   * @param run the run behind the report's makespan, CPU-hours and money
   */
  public record Result(CostReport report, Run run) {}

  /** As {@link #analyze}, keeping the run behind the report. */
  public static Result analyzeWithRun(
      Request r, CostSettings s, ExecutorService executor, Progress progress) {
    Workload w = r.workload();
    Simulator sim = Simulator.compile(w, r.cluster(), r.scheduler(), r.channels(), s);
    progress.start("simulating", (1L + r.sizes().size()) * (1L + r.samples()), "runs");
    try {
      return analyze(r, s, sim, executor, progress);
    } finally {
      progress.done();
    }
  }

  private static Result analyze(
      Request r, CostSettings s, Simulator sim, ExecutorService executor, Progress progress) {
    Workload w = r.workload();
    JobGraph jobs = w.jobs();
    PackageGraph g = jobs.graph();
    SplittableRandom root = new SplittableRandom(r.seed());
    SplittableRandom pointRandom = root.split();
    long[] sampleSeeds = new long[r.samples()];
    for (int i = 0; i < sampleSeeds.length; i++) {
      sampleSeeds[i] = root.nextLong();
    }
    boolean[] failing = r.failures().draw(jobs, pointRandom);
    Run run = sim.run(w.points(), failing, true);
    progress.advance(1);

    List<Callable<CostReport.CurvePoint>> curveTasks = new ArrayList<>();
    for (int size : r.sizes()) {
      curveTasks.add(
          () -> {
            Cluster c = r.cluster().scaled(size);
            Simulator at = Simulator.compile(w, c, r.scheduler(), r.channels(), s);
            Run x = at.run(w.points(), failing, false);
            progress.advance(1);
            // The same draws at every size (common random numbers): the bands of two sizes
            // differ by the cluster, not by the luck of the draw.
            List<double[]> atSize = new ArrayList<>(sampleSeeds.length);
            for (long seed : sampleSeeds) {
              atSize.add(draw(w, jobs, r.failures(), at, seed));
              progress.advance(1);
            }
            return new CostReport.CurvePoint(
                size,
                c.maxMachines(),
                x.peakMachines(),
                meanMachines(x.machineSecondsByPool(), x.makespanSeconds()),
                c.maxSlots(),
                x.makespanSeconds(),
                x.cost(),
                x.cpuSeconds() / 3600,
                percentiles(atSize, r.seed()));
          });
    }
    List<CostReport.CurvePoint> curve = invokeAll(curveTasks, executor);

    List<Callable<double[]>> sampleTasks = new ArrayList<>();
    for (long seed : sampleSeeds) {
      sampleTasks.add(
          () -> {
            double[] x = draw(w, jobs, r.failures(), sim, seed);
            progress.advance(1);
            return x;
          });
    }
    List<double[]> draws = invokeAll(sampleTasks, executor);
    CostReport.Samples samples = percentiles(draws, r.seed());

    List<CostReport.PoolCost> pools = new ArrayList<>();
    for (int p = 0; p < r.cluster().pools().size(); p++) {
      Pool pool = r.cluster().pools().get(p);
      double seconds = run.machineSecondsByPool()[p];
      pools.add(
          new CostReport.PoolCost(
              pool.name(),
              pool.maxMachines(),
              run.peakMachinesByPool()[p],
              meanMachines(new double[] {seconds}, run.makespanSeconds()),
              seconds / 3600,
              run.costByPool()[p]));
    }
    List<CostReport.PathStep> path = new ArrayList<>();
    double[] fastest = sim.fastestSeconds();
    for (int j : sim.criticalPath().jobs()) {
      int v = jobs.node(j);
      path.add(new CostReport.PathStep(g.name(v), g.id(v), fastest[j]));
    }
    double lb = sim.lowerBoundSeconds();
    Map<String, Double> channels = new LinkedHashMap<>();
    List<String> blocked = new ArrayList<>();
    channelFinish(jobs, run, channels, blocked);
    int[] outcomes = new int[3];
    for (int j = 0; j < jobs.jobCount(); j++) {
      outcomes[run.outcome()[j]] += jobs.memberCount(j);
    }
    Map<String, Integer> sources = new LinkedHashMap<>();
    int[] bySource = new int[DurationSource.values().length];
    for (int v : jobs.nodes()) {
      bySource[w.durations().source(v).ordinal()]++;
    }
    for (DurationSource src : DurationSource.values()) {
      sources.put(src.label(), bySource[src.ordinal()]);
    }
    Run.Series series = run.series();
    List<CostReport.SeriesPoint> utilization = new ArrayList<>();
    List<CostReport.SeriesPoint> queue = new ArrayList<>();
    for (int i = 0; i < series.size(); i++) {
      utilization.add(new CostReport.SeriesPoint(series.time(i), series.utilization()[i]));
      queue.add(new CostReport.SeriesPoint(series.time(i), series.queued()[i]));
    }
    CostReport report =
        new CostReport(
            r.scheduler().label(),
            jobs.order().label(),
            r.defaultOrder(),
            r.cluster().name(),
            jobs.buildCount(),
            jobs.cycleCount(),
            jobs.cycleMemberCount(),
            r.cluster().maxSlots(),
            run.makespanSeconds(),
            run.cpuSeconds() / 3600,
            run.cost(),
            r.cluster().currency(),
            r.cluster().currencyAssumed(),
            run.peakMachines(),
            pools,
            lb,
            sim.criticalPath().length(),
            path,
            lb > 0 ? run.makespanSeconds() / lb : 1,
            channels,
            blocked,
            utilization,
            queue,
            new CostReport.Outcomes(outcomes[0], outcomes[1], outcomes[2]),
            sources,
            sim.placement(),
            curve,
            curve.isEmpty() ? null : knee(curve, s.kneeImprovement()),
            samples);
    return new Result(report, run);
  }

  /** One Monte Carlo run: durations and failures drawn from {@code seed}; makespan and cost. */
  private static double[] draw(
      Workload w, JobGraph jobs, FailureModel failures, Simulator sim, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] d = w.sample(random);
    boolean[] f = failures.draw(jobs, random);
    Run x = sim.run(d, f, false);
    return new double[] {x.makespanSeconds(), x.cost()};
  }

  /** Nearest-rank p50 and p90 of makespan and cost over {@code draws}; null when there are none. */
  private static CostReport.Samples percentiles(List<double[]> draws, long seed) {
    if (draws.isEmpty()) {
      return null;
    }
    double[] makespans = draws.stream().mapToDouble(d -> d[0]).toArray();
    double[] costs = draws.stream().mapToDouble(d -> d[1]).toArray();
    return new CostReport.Samples(
        draws.size(),
        seed,
        percentile(makespans, 0.5),
        percentile(makespans, 0.9),
        percentile(costs, 0.5),
        percentile(costs, 0.9),
        makespans);
  }

  private static void channelFinish(
      JobGraph jobs, Run run, Map<String, Double> channels, List<String> blocked) {
    PackageGraph g = jobs.graph();
    List<String> names = g.channelNames();
    double[] finish = new double[names.size()];
    boolean[] isBlocked = new boolean[names.size()];
    int[] nodes = jobs.nodes();
    for (int i = 0; i < nodes.length; i++) {
      int j = jobs.jobOfPosition(i);
      for (int c = 0; c < names.size(); c++) {
        if (g.inChannel(nodes[i], c)) {
          if (run.outcome()[j] == Run.BUILT) {
            finish[c] = Math.max(finish[c], run.finish()[j]);
          } else {
            isBlocked[c] = true;
            if (run.outcome()[j] == Run.FAILED) {
              finish[c] = Math.max(finish[c], run.finish()[j]);
            }
          }
        }
      }
    }
    for (int c = 0; c < names.size(); c++) {
      channels.put(names.get(c), finish[c]);
      if (isBlocked[c]) {
        blocked.add(names.get(c));
      }
    }
  }

  /**
   * Machines running on average over a run: machine-seconds over the makespan (0 for an empty run).
   */
  static double meanMachines(double[] machineSeconds, double makespan) {
    double sum = 0;
    for (double m : machineSeconds) {
      sum += m;
    }
    return makespan > 0 ? sum / makespan : 0;
  }

  /** The knee of a curve (see the class comment). */
  static int knee(List<CostReport.CurvePoint> curve, double improvement) {
    int knee = curve.size() - 1;
    for (int i = curve.size() - 2; i >= 0; i--) {
      double m = curve.get(i).makespanSeconds();
      double gain = m > 0 ? (m - curve.get(i + 1).makespanSeconds()) / m : 0;
      if (gain >= improvement) {
        break;
      }
      knee = i;
    }
    return curve.get(knee).size();
  }

  /** Nearest-rank percentile: the {@code ceil(p * n)}-th smallest value. */
  static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static <T> List<T> invokeAll(List<Callable<T>> tasks, ExecutorService executor) {
    List<T> out = new ArrayList<>(tasks.size());
    if (executor == null) {
      for (Callable<T> t : tasks) {
        try {
          out.add(t.call());
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      return out;
    }
    List<Future<T>> futures = new ArrayList<>(tasks.size());
    for (Callable<T> t : tasks) {
      futures.add(executor.submit(t));
    }
    try {
      for (Future<T> f : futures) {
        out.add(f.get());
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
    return out;
  }
}
