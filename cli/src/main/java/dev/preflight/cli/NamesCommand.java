package dev.preflight.cli;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import java.io.PrintWriter;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code preflight names --prefix P}: the package names and aliases of a graph that start with
 * {@code P}, sorted, one per line. Hidden: the shell completion script calls it for the values of
 * {@code --change} and {@code --pin} ({@link CompletionCommand}), once per TAB, so it loads the
 * graph without a progress line and prints at most {@value #LIMIT} names. A prefix with commas
 * ({@code zlib,open}) completes its last part and keeps the rest, as those options split on commas.
 */
@Command(
    name = "names",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Package names of the graph that start with a prefix (for shell completion).",
    footer = {
      "",
      "Examples:",
      "  preflight names --prefix zli",
      "  preflight names --prefix zlib,open"
    })
final class NamesCommand implements Callable<Integer> {
  @Mixin GraphOptions graphOptions;

  @Option(names = "--prefix", paramLabel = "P", defaultValue = "", description = "Name prefix.")
  String prefix;

  /** A TAB shows at most this many names; bash asks before listing more than 100 anyway. */
  static final int LIMIT = 200;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PackageGraph g = graphOptions.load(Progress.NONE);
    int comma = prefix.lastIndexOf(',');
    String head = prefix.substring(0, comma + 1);
    String part = prefix.substring(comma + 1);
    TreeSet<String> names = new TreeSet<>();
    for (int v = 0; v < g.nodeCount(); v++) {
      add(names, g.name(v), part);
      for (String alias : g.aliases(v)) {
        add(names, alias, part);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    names.stream().limit(LIMIT).forEach(n -> out.println(head + n));
    out.flush();
    return ExitCodes.OK;
  }

  private static void add(TreeSet<String> names, String name, String part) {
    if (name != null && !name.isEmpty() && name.startsWith(part)) {
      names.add(name);
    }
  }
}
