package dev.preflight.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code preflight help [COMMAND]}: picocli's help command (which is final) with the examples every
 * command of Preflight shows.
 */
@Command(
    name = "help",
    helpCommand = true,
    description = "Show the usage help of preflight or of one of its commands.",
    synopsisHeading = "Usage: ",
    optionListHeading = "%nOptions:%n",
    parameterListHeading = "%nParameters:%n",
    footer = {"", "Examples:", "  preflight help plan", "  preflight help"})
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show usage help for the help command and exit.")
  boolean helpRequested;

  @Parameters(
      paramLabel = "COMMAND",
      arity = "0..1",
      description = "The command to show the usage help of.")
  String command;

  private CommandLine self;
  private CommandLine.Help.ColorScheme colors;
  private PrintWriter out;

  @Override
  public void init(
      CommandLine helpCommandLine,
      CommandLine.Help.ColorScheme colorScheme,
      PrintWriter outWriter,
      PrintWriter errWriter) {
    this.self = helpCommandLine;
    this.colors = colorScheme;
    this.out = outWriter;
  }

  @Override
  public void run() {
    CommandLine parent = self == null ? null : self.getParent();
    if (parent == null) {
      return;
    }
    CommandLine target = parent;
    if (command != null) {
      target = parent.getSubcommands().get(command);
      if (target == null) {
        throw new CommandLine.ParameterException(
            parent,
            dev.preflight.graph.Names.unknownMessage(
                "command", command, java.util.List.copyOf(parent.getSubcommands().keySet())),
            null,
            command);
      }
    }
    target.usage(out, colors);
  }
}
