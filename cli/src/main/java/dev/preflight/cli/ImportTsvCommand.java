package dev.preflight.cli;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.io.TsvGraphFormat;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code preflight import tsv}: a graph from a tab-separated edge list (and optional nodes). */
@Command(
    name = "tsv",
    mixinStandardHelpOptions = true,
    description = {
      "Import a graph from an edge list: lines `dependent<TAB>input` (`#` comments).",
      "Nodes are implied by the edges (an id `name@system` gives name and system) unless",
      "--nodes names a nodes.tsv with a header (id, name, version, system, buildSeconds,",
      "lastStatus, channels, aliases, sizeBytes, unchangedProbability; only id is required)."
    },
    footer = {
      "",
      "Examples:",
      "  preflight import tsv --edges edges.tsv -o g.arrow",
      "  preflight import tsv --edges edges.tsv --nodes nodes.tsv -o g.json"
    })
final class ImportTsvCommand implements Callable<Integer> {
  @Option(names = "--edges", required = true, paramLabel = "FILE", description = "Edge list.")
  Path edges;

  @Option(names = "--nodes", paramLabel = "FILE", description = "Node table with a header.")
  Path nodes;

  @picocli.CommandLine.Mixin GraphOutputOptions graphOutput;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    graphOutput.writableFormat(); // a read-only format fails before any work
    PackageGraph g = TsvGraphFormat.read(edges, nodes, TerminalProgress.forStderr());
    Path output = graphOutput.write(g);
    spec.commandLine()
        .getErr()
        .printf(
            "preflight: wrote %s: %,d nodes, %,d edges, %,d self-loops dropped%n",
            output, g.nodeCount(), g.edgeCount(), g.metadata().selfLoopsDropped());
    return ExitCodes.OK;
  }
}
