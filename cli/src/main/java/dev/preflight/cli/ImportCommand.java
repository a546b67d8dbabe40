package dev.preflight.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code preflight import}: the parent of the importers, one subcommand per input format. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Convert a package set's own metadata into a Preflight graph file.",
    subcommands = {ImportDebianCommand.class, ImportNixCommand.class, ImportTsvCommand.class},
    footer = {
      "",
      "Examples:",
      "  preflight import debian --sources Sources.xz --packages Packages.xz \\",
      "      -o bookworm.arrow",
      "  preflight import nix --derivations curl.drv.json -o curl.arrow",
      "  preflight import tsv --edges edges.tsv -o g.arrow"
    })
final class ImportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "name what to import: " + String.join(", ", spec.commandLine().getSubcommands().keySet()));
  }
}
