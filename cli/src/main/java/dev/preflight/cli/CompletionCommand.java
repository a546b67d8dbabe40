package dev.preflight.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code preflight generate-completion}: picocli's bash/zsh completion script, with examples. */
@Command(
    name = "generate-completion",
    footer = {
      "",
      "Examples:",
      "  preflight generate-completion > preflight_completion.sh",
      "  source <(preflight generate-completion)   # in ~/.bashrc or ~/.zshrc"
    })
final class CompletionCommand extends AutoComplete.GenerateCompletion {}
