package dev.preflight.cli;

import dev.preflight.graph.io.GraphFormat;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -o} and {@code --output-format} of the commands that write a graph (generate, import). */
final class GraphOutputOptions {
  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description = "Graph file to write; its extension names the format.")
  Path file;

  @Option(
      names = "--output-format",
      paramLabel = "FORMAT",
      description = "Format of the output file when its extension does not say it.")
  String format;

  /** The writable format the options name; fails before any work on a read-only one. */
  GraphFormat writableFormat() {
    return Outputs.writableFormat(file, format);
  }

  /** Writes {@code graph} to the file in the format the options name; returns the file. */
  Path write(dev.preflight.graph.PackageGraph graph) {
    writableFormat().write(graph, file);
    return file;
  }
}
