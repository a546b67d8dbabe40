package dev.preflight.batch;

import dev.preflight.cost.BuildOrder;
import dev.preflight.cost.CostAnalysis;
import dev.preflight.cost.CostReport;
import dev.preflight.cost.DurationModel;
import dev.preflight.cost.Durations;
import dev.preflight.cost.FailureModel;
import dev.preflight.cost.JobGraph;
import dev.preflight.cost.Scheduler;
import dev.preflight.cost.Workload;
import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.impact.ChangeResolver;
import dev.preflight.impact.Changes;
import dev.preflight.impact.ImpactAnalysis;
import dev.preflight.impact.ImpactReport;
import dev.preflight.impact.Policy;
import dev.preflight.impact.RebuildSet;
import dev.preflight.risk.RebuildScope;
import dev.preflight.risk.RiskAnalysis;
import dev.preflight.settings.CostSettings;
import dev.preflight.settings.RiskSettings;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * Answers one batch row on one graph with the engines of the single-change commands, in the order
 * {@code preflight plan} runs them: {@link ChangeResolver} turns the names into nodes as {@code
 * preflight impact --change} does; {@link ImpactAnalysis#analyze} gives the {@link ImpactReport};
 * {@link CostAnalysis#analyze} simulates the rebuild set's jobs on the batch's cluster with {@link
 * DurationModel} durations (the history's, else the graph's, else the size model's), the settings'
 * scheduler and the graph's default {@link BuildOrder} for the row's policy, as {@code preflight
 * cost} does without curve or samples; with a history, {@link RiskAnalysis#run} gives the expected
 * new failures as {@code preflight risk} does. Nothing here re-implements an engine; Spark only
 * decides where this runs.
 *
 * <p>Cost and risk need a definite rebuild set: rows with the random {@code cutoff} policy get the
 * impact (with its Monte Carlo distribution) and no cost or risk, as {@code preflight cost} and
 * {@code preflight risk} refuse {@code cutoff}.
 *
 * <p>Unknown names do not fail the batch: the row gets an {@code error} naming every unknown name
 * with its closest known names, and the other rows go on (a batch of historical changes always
 * holds some names that no longer exist). {@code --strict} turns such rows into a failed run.
 *
 * <p>Complexity per row: the resolver's lookups (plus its suggestion scan for unknown names), one
 * closure ({@code O(k + e_k + V/64)} for {@code k} rebuilt nodes), one discrete-event simulation of
 * the {@code k} builds ({@code O(k log k)} events), one risk scoring. The durations are estimated
 * once per evaluator ({@code O(V)}). Single-threaded: a batch parallelises over rows. Not
 * thread-safe (the engines keep scratch arrays): one evaluator per graph per slice.
 */
public final class RowEvaluator {
  private final PackageGraph graph;
  private final BatchContext context;
  private final ChangeResolver resolver;
  private final ImpactAnalysis impact;
  private final CostSettings costSettings;
  private final RiskSettings riskSettings;
  private final Scheduler scheduler;
  private Durations durations;

  public RowEvaluator(PackageGraph graph, BatchContext context) {
    this.graph = graph;
    this.context = context;
    this.resolver = new ChangeResolver(graph);
    this.impact = new ImpactAnalysis(graph, context.settings().impact(), null, 1);
    this.costSettings = context.settings().cost();
    this.riskSettings = context.settings().risk();
    this.scheduler = Scheduler.defaultFor(graph.metadata(), costSettings.scheduler());
  }

  /** The answer for {@code row}, which must name this evaluator's graph. */
  public BatchResult evaluate(BatchRow row) {
    Policy policy = Policy.parse(row.policy());
    BitSet chosen = new BitSet(graph.nodeCount());
    List<String> unknown = new ArrayList<>();
    for (String spec : row.changes()) {
      try {
        for (int v : resolver.resolveSpec(spec)) {
          chosen.set(v);
        }
      } catch (InputException e) {
        unknown.add(e.problem());
      }
    }
    if (!unknown.isEmpty()) {
      return BatchResult.failed(row, String.join("; ", unknown));
    }
    Changes changes = ChangeResolver.changesOf(graph, chosen.stream().toArray());
    ImpactReport report = impact.analyze(changes, policy);
    BatchResult.Cost cost = null;
    Double expectedNewFailures = null;
    if (policy != Policy.CUTOFF) {
      RebuildSet set = report.set();
      cost = cost(set, policy, changes.nodes());
      if (context.hasHistory()) {
        expectedNewFailures = expectedNewFailures(changes, set, policy);
      }
    }
    return new BatchResult(
        row.seq(),
        row.id(),
        row.graph(),
        policy.label(),
        BatchResult.Impact.of(report),
        cost,
        expectedNewFailures,
        null);
  }

  private Durations durations() {
    if (durations == null) {
      durations = DurationModel.estimate(graph, context.history(), costSettings);
    }
    return durations;
  }

  private BatchResult.Cost cost(RebuildSet set, Policy policy, int[] seeds) {
    // The graph's default order for the row's policy (a Debian round: builds independent).
    BuildOrder order = BuildOrder.defaultFor(graph.metadata(), policy);
    Workload w =
        Workload.of(
            JobGraph.of(graph, set.nodes(), order, policy.orderGraph(graph, seeds, set.nodes())),
            durations(),
            costSettings);
    CostReport r =
        CostAnalysis.analyze(
            new CostAnalysis.Request(
                w,
                context.cluster(),
                scheduler,
                Set.of(),
                FailureModel.none(),
                List.of(),
                0,
                costSettings.seed(),
                true),
            costSettings,
            null,
            Progress.NONE);
    return new BatchResult.Cost(r.makespanSeconds(), r.cpuHours(), r.cost());
  }

  private double expectedNewFailures(Changes changes, RebuildSet set, Policy policy) {
    Durations d = durations();
    return RiskAnalysis.run(
            new RiskAnalysis.Input(
                policy.scheduleView(graph),
                new RebuildScope(changes.nodes(), set.nodes(), set.distances()),
                context.history(),
                d::point,
                new dev.preflight.risk.SamplingPlan.Request(
                    riskSettings.defaultConfidence(), riskSettings.defaultMargin(), -1, Double.NaN),
                riskSettings.topN(),
                null),
            riskSettings,
            Progress.NONE)
        .expectedNewFailures();
  }
}
