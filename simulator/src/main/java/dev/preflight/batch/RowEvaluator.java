package dev.preflight.batch;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.impact.ChangeResolver;
import dev.preflight.impact.Changes;
import dev.preflight.impact.Policy;
import dev.preflight.impact.RebuildSet;
import dev.preflight.impact.ReverseClosure;
import dev.preflight.settings.Settings;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers one batch row on one graph with the engines of the single-change commands: {@link
 * ChangeResolver} turns the names into nodes exactly as {@code preflight impact --change} does,
 * {@link ReverseClosure} computes the rebuild set. Nothing here re-implements an engine.
 *
 * <p>Unknown names do not fail the batch: the row gets an {@code error} naming every unknown name
 * with its closest known names, and the other rows go on (a batch of historical changes always
 * holds some names that no longer exist). {@code --strict} turns such rows into a failed run.
 *
 * <p>Complexity per row: the resolver's lookups (plus its suggestion scan for unknown names) and
 * one closure, {@code O(k + e_k + V/64)} for a rebuild set of {@code k} nodes. Not thread-safe (the
 * engines keep scratch arrays): one evaluator per graph per slice.
 */
public final class RowEvaluator {
  private final PackageGraph graph;
  private final ChangeResolver resolver;
  private final ReverseClosure closure;

  /**
   * @param graph the graph rows run on
   * @param settings the engines' constants
   */
  public RowEvaluator(PackageGraph graph, Settings settings) {
    this.graph = graph;
    this.resolver = new ChangeResolver(graph);
    this.closure = new ReverseClosure(graph);
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
    RebuildSet set = closure.closure(changes, policy);
    Map<String, Integer> bySystem = new LinkedHashMap<>();
    int[] perSystem = new int[graph.systems().size()];
    for (int i = 0; i < set.size(); i++) {
      perSystem[graph.systemIndex(set.node(i))]++;
    }
    for (int s = 0; s < perSystem.length; s++) {
      bySystem.put(graph.systems().get(s), perSystem[s]);
    }
    return new BatchResult(
        row.seq(),
        row.id(),
        row.graph(),
        policy.label(),
        changes.resolvedNames(),
        set.size(),
        bySystem,
        null);
  }
}
