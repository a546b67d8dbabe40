package dev.preflight.report.question;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.impact.ChangeResolver;
import dev.preflight.impact.Changes;
import java.nio.file.Path;
import java.util.List;

/**
 * The changed packages as named ({@code --change}, {@code --changes-file}; the server's {@code
 * change}), resolved on the graph a question runs on.
 *
 * @param names ids, names, name.system, aliases or globs
 * @param file a file of them, one per line, or null
 */
public record ChangeSpec(List<String> names, Path file) {
  public ChangeSpec {
    names = names == null ? List.of() : List.copyOf(names);
  }

  /** Whether a change was named at all. */
  public boolean given() {
    return !names.isEmpty() || file != null;
  }

  /** Fails with the usual hint unless a change was named. */
  public void require() {
    if (!given()) {
      throw InputException.of("name the changed packages with --change or --changes-file");
    }
  }

  /** The named changes in {@code graph}, reported to {@code env}'s notes. */
  public Changes resolve(PackageGraph graph, Env env) {
    Changes c = new ChangeResolver(graph).resolve(names, file);
    env.notes().accept(c);
    return c;
  }

  /**
   * {@code graph} pinned at {@code pins} ({@code --pin}: DESIGN.md §5, the bootstrap cut), or
   * {@code graph} itself without pins. Pins resolve as changes do; an unknown one fails naming
   * {@code --pin} and the closest names.
   */
  public static PackageGraph pinned(PackageGraph graph, List<String> pins) {
    if (pins == null || pins.isEmpty()) {
      return graph;
    }
    int[] nodes;
    try {
      nodes = new ChangeResolver(graph).resolve(pins).nodes();
    } catch (InputException e) {
      throw new InputException(e.source(), e.location(), "--pin: " + e.problem(), e);
    }
    return graph.withPins(nodes);
  }

  /**
   * The named policy, else the graph's own; the random {@code cutoff} fails naming {@code command},
   * which needs one definite rebuild set (cost, risk, plan).
   */
  public static dev.preflight.impact.Policy definitePolicy(
      String policy, PackageGraph graph, String command) {
    dev.preflight.impact.Policy p = dev.preflight.impact.Policy.resolve(policy, graph);
    if (p == dev.preflight.impact.Policy.CUTOFF) {
      throw InputException.of(
          "the cutoff policy is random; "
              + command
              + " needs a definite rebuild set: use transitive, direct, local, binnmu or static"
              + " (cutoff's expected size is in 'preflight impact')");
    }
    return p;
  }
}
