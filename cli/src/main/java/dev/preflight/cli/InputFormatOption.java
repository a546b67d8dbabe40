package dev.preflight.cli;

import picocli.CommandLine.Option;

/**
 * {@code --input-format}, the format of every graph file a command reads when the extension does
 * not say it ({@code GraphFormat.load}'s format name): {@code --graph} ({@link GraphOptions}),
 * {@code impact --before/--after}, and the labelled graphs of {@code batch} and {@code serve}.
 */
final class InputFormatOption {
  @Option(
      names = "--input-format",
      paramLabel = "FORMAT",
      description = "Format of the graph files when their extension does not say it.")
  String name;
}
