package dev.preflight.cli;

import dev.preflight.report.OutputTarget;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code -o/--output}: stdout by default, else a file written atomically. */
final class OutputOption {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of stdout.")
  Path file;

  /** Where the command's data goes. */
  OutputTarget target(CommandSpec spec) {
    return new OutputTarget(spec.commandLine().getOut(), file);
  }
}
