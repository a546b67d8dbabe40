package dev.preflight.cli;

import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code preflight generate-completion}: picocli's bash/zsh completion script, with examples. */
@Command(
    name = "generate-completion",
    footer = {
      "",
      "Examples:",
      "  preflight generate-completion > preflight_completion.sh",
      "  source <(preflight generate-completion)   # in ~/.bashrc or ~/.zshrc"
    })
final class CompletionCommand extends AutoComplete.GenerateCompletion {
  // picocli's command is a help command, which would accept and ignore stray words.
  @Parameters(hidden = true, arity = "0..*")
  List<String> stray = List.of();

  @CommandLine.Spec CommandLine.Model.CommandSpec self;

  @Override
  public void run() {
    if (!stray.isEmpty()) {
      throw new CommandLine.UnmatchedArgumentException(self.commandLine(), stray);
    }
    super.run();
  }
}
