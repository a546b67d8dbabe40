package dev.preflight.cli;

import picocli.CommandLine.Option;

/**
 * {@code -f/--format} of the commands whose formats need no words beyond their names ({@code cost},
 * {@code risk}, {@code stats}): the names come from {@link Completions}, by command.
 */
final class FormatOption {
  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  String format;
}
