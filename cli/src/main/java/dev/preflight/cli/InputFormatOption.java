package dev.preflight.cli;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --input-format}, the format of every graph file a command reads when the extension does
 * not say it: {@code --graph} ({@link GraphOptions}), {@code impact --before/--after}, and each of
 * {@code batch}'s labelled graphs.
 */
final class InputFormatOption {
  @Option(
      names = "--input-format",
      paramLabel = "FORMAT",
      description = "Format of the graph files when their extension does not say it.")
  String name;

  /** Reads {@code file} in the named format, else the one its extension names. */
  PackageGraph load(Path file, Progress progress) {
    return GraphFormat.load(file, name, progress);
  }
}
