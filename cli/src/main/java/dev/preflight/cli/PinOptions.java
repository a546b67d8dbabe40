package dev.preflight.cli;

import dev.preflight.graph.PackageGraph;
import dev.preflight.report.question.ChangeSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --pin}, shared by {@code impact}, {@code cost}, {@code risk}, {@code plan}, {@code stats}
 * and {@code batch} (which pins every graph of the batch, {@code BatchGraphs#withPins}): nodes
 * through which a rebuild does not propagate (DESIGN.md §5, the bootstrap cut distributions make by
 * hand). A pinned node still rebuilds when the change reaches it, but its dependents are not
 * triggered through it and do not wait for it: the command works on {@link PackageGraph#withPins},
 * the graph without the edges into the pinned nodes. Pins resolve as changes do (ids, names,
 * name.system, aliases, globs); an unknown one exits 2 with the closest names.
 */
final class PinOptions {
  @Option(
      names = "--pin",
      paramLabel = "NAME",
      arity = "1..*",
      split = ",",
      description = {
        "Bootstrap cut: a pinned package still rebuilds when the change reaches it, but the",
        "rebuild does not propagate through it to its dependents (names as for --change)."
      })
  List<String> pins = new ArrayList<>();

  /** {@code graph} pinned at the named nodes, or {@code graph} itself without {@code --pin}. */
  PackageGraph apply(PackageGraph graph) {
    return ChangeSpec.pinned(graph, pins);
  }
}
