package dev.preflight.batch;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.impact.ChangeResolver;
import dev.preflight.impact.Changes;
import dev.preflight.impact.ImpactAnalysis;
import dev.preflight.impact.Policy;
import dev.preflight.settings.Settings;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Answers one batch row on one graph with the engines of the single-change commands: {@link
 * ChangeResolver} turns the names into nodes exactly as {@code preflight impact --change} does, and
 * {@link ImpactAnalysis#analyze} computes the same {@link dev.preflight.impact.ImpactReport}
 * (rebuild set, counts per system and kernel, labels, depth, the cutoff distribution). Nothing here
 * re-implements an engine; Spark only decides where this runs.
 *
 * <p>Unknown names do not fail the batch: the row gets an {@code error} naming every unknown name
 * with its closest known names, and the other rows go on (a batch of historical changes always
 * holds some names that no longer exist). {@code --strict} turns such rows into a failed run.
 *
 * <p>Complexity per row: the resolver's lookups (plus its suggestion scan for unknown names) and
 * one analysis ({@code O(k + e_k + V/64)} for a rebuild set of {@code k} nodes; {@code cutoff}
 * repeats its trials). Single-threaded: a batch parallelises over rows, not within one. Not
 * thread-safe (the engines keep scratch arrays): one evaluator per graph per slice.
 */
public final class RowEvaluator {
  private final PackageGraph graph;
  private final ChangeResolver resolver;
  private final ImpactAnalysis impact;

  /**
   * @param graph the graph rows run on
   * @param settings the engines' constants
   */
  public RowEvaluator(PackageGraph graph, Settings settings) {
    this.graph = graph;
    this.resolver = new ChangeResolver(graph);
    this.impact = new ImpactAnalysis(graph, settings.impact(), null, 1);
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
    return new BatchResult(
        row.seq(),
        row.id(),
        row.graph(),
        policy.label(),
        BatchResult.Impact.of(impact.analyze(changes, policy)),
        null);
  }
}
