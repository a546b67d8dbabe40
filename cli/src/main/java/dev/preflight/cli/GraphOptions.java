package dev.preflight.cli;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --graph} and {@code --input-format}, shared by every command that reads one graph. */
final class GraphOptions {
  @Option(
      names = {"-g", "--graph"},
      paramLabel = "FILE",
      description = "Graph file (format from the extension). Default: the bundled graph.")
  Path graph;

  @Mixin InputFormatOption format;

  /** Loads the graph the options name, or the bundled default. */
  PackageGraph load(Progress progress) {
    Path file = graph != null ? graph : DefaultGraph.path();
    Trace.mark("parse and options");
    PackageGraph g = GraphPrefetch.take(file, format.name, progress);
    Trace.mark("graph load");
    return g;
  }
}
