package dev.preflight.plan;

import dev.preflight.cost.BuildOrder;
import dev.preflight.cost.Cluster;
import dev.preflight.cost.CostAnalysis;
import dev.preflight.cost.CostReport;
import dev.preflight.cost.DurationModel;
import dev.preflight.cost.Durations;
import dev.preflight.cost.FailureModel;
import dev.preflight.cost.JobGraph;
import dev.preflight.cost.Run;
import dev.preflight.cost.Scheduler;
import dev.preflight.cost.Workload;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.history.History;
import dev.preflight.impact.Changes;
import dev.preflight.impact.ImpactAnalysis;
import dev.preflight.impact.ImpactReport;
import dev.preflight.impact.Policy;
import dev.preflight.impact.RebuildSet;
import dev.preflight.risk.BuildDurations;
import dev.preflight.risk.RebuildScope;
import dev.preflight.risk.RiskAnalysis;
import dev.preflight.risk.RiskReport;
import dev.preflight.risk.SamplingPlan;
import dev.preflight.settings.Settings;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * The plan pipeline for one graph: resolve → impact → cost → risk, each computed once and handed to
 * the next. {@link ImpactAnalysis} gives the rebuild set; the cost simulation runs that set's jobs
 * on the cluster with {@link DurationModel} durations (the history's, else the graph's, else the
 * size model's), the {@link BuildOrder} asked for or the graph's default for the policy, and the
 * scheduler asked for or {@link Scheduler#defaultFor} (critical-path on a Debian graph); the risk
 * analysis scores the same rebuild set with the graph's {@link
 * dev.preflight.risk.FailurePropagation} rule.
 *
 * <p><b>One set of CPU-hours.</b> The cost simulation spends each build's seconds divided by the
 * speed factor of the machine it ran on; the risk analysis prices its build-first list and its
 * sample in CPU-hours too. Both take the durations of the one expected run: a rebuilt node's
 * seconds are its estimate scaled as its job ran on the cluster, so the whole rebuild's CPU-hours
 * in the risk section equal the cost section's (checked at the end of every run). Before, risk used
 * the speed-1 estimates, and on a cluster with speed factors the two sections disagreed.
 *
 * <p>{@code cutoff} is random: a result for it holds the impact only (no cost, no risk); {@code
 * preflight plan} refuses it before calling.
 *
 * <p>Complexity: one closure ({@code O(k + e_k + V/64)} for {@code k} rebuilt nodes), one
 * simulation of the {@code k} builds per curve size and per sample ({@code O(k log k)} each), one
 * risk scoring; the durations are estimated once per instance ({@code O(V)}). Not thread-safe (the
 * engines keep scratch arrays): one instance per graph per thread; the curve and the samples run on
 * the caller's executor.
 */
public final class PlanAnalysis {
  private final PackageGraph graph;
  private final Settings settings;
  private final History history;
  private final ImpactAnalysis impact;
  private Durations durations;

  /**
   * @param graph the graph (pins applied)
   * @param settings the settings of all three engines
   * @param history past builds (durations and statuses), or null for none
   */
  public PlanAnalysis(PackageGraph graph, Settings settings, History history) {
    this.graph = Objects.requireNonNull(graph);
    this.settings = Objects.requireNonNull(settings);
    this.history = history == null ? History.empty() : history;
    this.impact = new ImpactAnalysis(graph, settings.impact(), null, 1);
  }

  /**
   * What to compute besides the impact.
   *
   * @param cluster the cluster the rebuild runs on
   * @param scheduler the scheduler asked for, or null for {@link Scheduler#defaultFor}
   * @param order the build order asked for, or null for {@link BuildOrder#defaultFor}
   * @param channels channel-first's channels (empty: all)
   * @param sizes cluster multiples of the cost curve (empty: none)
   * @param samples Monte Carlo runs of the cost (0: none)
   * @param seed seed of the cost draws
   * @param risk whether to run the risk analysis
   * @param riskRequest the risk's confidence, margin, samples or budget
   * @param top rows of the risk's riskiest-packages list
   */
  public record Request(
      Cluster cluster,
      Scheduler scheduler,
      BuildOrder order,
      Set<String> channels,
      List<Integer> sizes,
      int samples,
      long seed,
      boolean risk,
      SamplingPlan.Request riskRequest,
      int top) {
    public Request {
      if (top < 0) {
        throw new IllegalArgumentException("top must be >= 0");
      }
      Objects.requireNonNull(cluster);
      Objects.requireNonNull(riskRequest);
      channels = Set.copyOf(channels);
      sizes = List.copyOf(sizes);
    }

    /** The settings' defaults: no curve, no samples, risk with the settings' confidence. */
    public static Request defaults(Cluster cluster, Settings settings, boolean risk) {
      return new Request(
          cluster,
          null,
          null,
          Set.of(),
          List.of(),
          0,
          settings.cost().seed(),
          risk,
          riskDefaults(settings),
          settings.risk().topN());
    }
  }

  /** The settings' confidence and margin, neither a sample count nor a budget. */
  public static SamplingPlan.Request riskDefaults(Settings settings) {
    return new SamplingPlan.Request(
        settings.risk().defaultConfidence(), settings.risk().defaultMargin(), -1, Double.NaN);
  }

  /**
   * The answer.
   *
   * @param graph the graph
   * @param policy the propagation policy
   * @param changes the resolved change
   * @param history the history (empty when none)
   * @param impact the impact report (its rebuild set is the one cost and risk used)
   * @param durations the speed-1 duration estimates, or null for {@code cutoff}
   * @param workload the jobs with their durations, or null for {@code cutoff}
   * @param scheduler the scheduler used, or null for {@code cutoff}
   * @param defaultOrder whether the build order is the graph's default
   * @param cost the cost report, or null for {@code cutoff}
   * @param schedule the expected run behind the cost report, or null for {@code cutoff}
   * @param clusterSeconds per node, its build seconds as the schedule ran it (speed factor
   *     applied), the durations of the risk analysis; null for {@code cutoff}
   * @param risk the risk report, or null when not asked for or {@code cutoff}
   */
  public record Result(
      PackageGraph graph,
      Policy policy,
      Changes changes,
      History history,
      ImpactReport impact,
      Durations durations,
      Workload workload,
      Scheduler scheduler,
      boolean defaultOrder,
      CostReport cost,
      Run schedule,
      BuildDurations clusterSeconds,
      RiskReport risk) {

    /** The rebuild set every section used. */
    public RebuildSet set() {
      return impact.set();
    }
  }

  /** The speed-1 duration estimates of every node, estimated on first use. */
  public Durations durations() {
    if (durations == null) {
      durations = DurationModel.estimate(graph, history, settings.cost());
    }
    return durations;
  }

  /**
   * Runs the pipeline for {@code changes} under {@code policy}.
   *
   * @param executor the caller's executor for the curve and the samples, or null to run inline
   */
  public Result analyze(
      Changes changes,
      Policy policy,
      Request request,
      ExecutorService executor,
      Progress progress) {
    ImpactReport report = impact.analyze(changes, policy);
    if (policy == Policy.CUTOFF) {
      return new Result(
          graph, policy, changes, history, report, null, null, null, true, null, null, null, null);
    }
    RebuildSet set = report.set();
    var cs = settings.cost();
    BuildOrder order =
        request.order() != null ? request.order() : BuildOrder.defaultFor(graph.metadata(), policy);
    Scheduler scheduler =
        request.scheduler() != null
            ? request.scheduler()
            : Scheduler.defaultFor(graph.metadata(), cs.scheduler());
    int[] seeds = changes.nodes();
    Workload w =
        Workload.of(
            JobGraph.of(graph, set.nodes(), order, policy.orderGraph(graph, seeds, set.nodes())),
            durations(),
            cs);
    CostAnalysis.Result cost =
        CostAnalysis.analyzeWithRun(
            new CostAnalysis.Request(
                w,
                request.cluster(),
                scheduler,
                request.channels(),
                FailureModel.none(),
                request.sizes(),
                request.samples(),
                request.seed(),
                request.order() == null),
            cs,
            executor,
            progress);
    BuildDurations onCluster = clusterSeconds(w, cost.run());
    RiskReport risk = null;
    if (request.risk()) {
      var rs = settings.risk();
      risk =
          RiskAnalysis.run(
              new RiskAnalysis.Input(
                  policy.scheduleView(graph),
                  new RebuildScope(seeds, set.nodes(), set.distances()),
                  history,
                  onCluster,
                  request.riskRequest(),
                  request.top(),
                  null),
              rs,
              progress);
      checkCpuHours(set, onCluster, cost.report());
    }
    return new Result(
        graph,
        policy,
        changes,
        history,
        report,
        durations(),
        w,
        scheduler,
        request.order() == null,
        cost.report(),
        cost.run(),
        onCluster,
        risk);
  }

  /**
   * Each rebuilt node's seconds as the expected run built it: its speed-1 estimate times its job's
   * ratio of cluster seconds to speed-1 seconds (the speed factor of the machine it ran on); nodes
   * outside the rebuild keep their estimate.
   */
  static BuildDurations clusterSeconds(Workload w, Run run) {
    JobGraph jobs = w.jobs();
    Durations d = w.durations();
    double[] seconds = new double[jobs.graph().nodeCount()];
    for (int v = 0; v < seconds.length; v++) {
      seconds[v] = d.point(v);
    }
    for (int j = 0; j < jobs.jobCount(); j++) {
      double ran = run.finish()[j] - run.start()[j];
      double expected = w.point(j);
      if (!(expected > 0) || !(ran >= 0)) {
        continue;
      }
      double ratio = ran / expected;
      for (int p = jobs.membersStart(j); p < jobs.membersEnd(j); p++) {
        int v = jobs.member(p);
        seconds[v] = d.point(v) * ratio;
      }
    }
    return v -> seconds[v];
  }

  /** The risk analysis's whole rebuild and the cost simulation's CPU-hours are one figure. */
  private static void checkCpuHours(RebuildSet set, BuildDurations seconds, CostReport cost) {
    double total = 0;
    for (int v : set.nodes()) {
      total += seconds.seconds(v);
    }
    double hours = total / 3600;
    if (Math.abs(hours - cost.cpuHours()) > 1e-6 * Math.max(1, hours)) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "risk prices the rebuild at %.6f CPU-hours but the cost simulation spent %.6f",
              hours,
              cost.cpuHours()));
    }
  }
}
