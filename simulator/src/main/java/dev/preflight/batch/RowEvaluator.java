package dev.preflight.batch;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.impact.ChangeResolver;
import dev.preflight.impact.Changes;
import dev.preflight.impact.Policy;
import dev.preflight.plan.PlanAnalysis;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Answers one batch row on one graph with the pipeline of {@code preflight plan}: {@link
 * ChangeResolver} turns the names into nodes as {@code preflight impact --change} does; {@link
 * PlanAnalysis} gives the impact, the cost of the rebuild set on the batch's cluster (the graph's
 * default scheduler and build order for the row's policy, no curve or samples) and, with a history,
 * the expected new failures. Nothing here re-implements an engine; Spark only decides where this
 * runs.
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
  private final ChangeResolver resolver;
  private final PlanAnalysis pipeline;
  private final PlanAnalysis.Request request;

  public RowEvaluator(PackageGraph graph, BatchContext context) {
    this.graph = graph;
    this.resolver = new ChangeResolver(graph);
    this.pipeline = new PlanAnalysis(graph, context.settings(), context.history());
    this.request =
        PlanAnalysis.Request.defaults(context.cluster(), context.settings(), context.hasHistory());
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
    PlanAnalysis.Result r = pipeline.analyze(changes, policy, request, null, Progress.NONE);
    BatchResult.Cost cost =
        r.cost() == null
            ? null
            : new BatchResult.Cost(
                r.cost().makespanSeconds(), r.cost().cpuHours(), r.cost().cost());
    return new BatchResult(
        row.seq(),
        row.id(),
        row.graph(),
        policy.label(),
        BatchResult.Impact.of(r.impact()),
        cost,
        r.risk() == null ? null : r.risk().expectedNewFailures(),
        null);
  }
}
