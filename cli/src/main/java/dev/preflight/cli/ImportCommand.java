package dev.preflight.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code preflight import}: the parent of the importers. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Import a package graph from the files a distribution already has.",
    subcommands = {ImportNixCommand.class, ImportTsvCommand.class})
final class ImportCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "name what to import (" + String.join(", ", spec.subcommands().keySet()) + ")");
  }
}
