package dev.preflight.cli;

import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code preflight generate-completion}: picocli's bash/zsh completion script, with package names
 * for {@code -c/--change} and {@code --pin}: where picocli's script offers nothing for those
 * options, it asks {@code preflight names --prefix WORD} (with the {@code --graph} of the line, if
 * any) for the names of the graph ({@link NamesCommand}).
 */
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

  /**
   * Asks the program on the command line for the names; {@code --graph FILE}, {@code -g FILE} or
   * {@code --graph=FILE} earlier on the line names the graph, as it does for the command itself.
   */
  static final String NAMES_FUNCTION =
      String.join(
          "\n",
          "# Package names for --change and --pin: `preflight names` reads the graph of the line.",
          "function _preflight_names() {",
          "  local graph=() i",
          "  for ((i = 1; i < COMP_CWORD; i++)); do",
          "    case ${COMP_WORDS[i]} in",
          "      -g|--graph) graph=(--graph \"${COMP_WORDS[i+1]}\") ;;",
          "      --graph=*) graph=(--graph \"${COMP_WORDS[i]#--graph=}\") ;;",
          "    esac",
          "  done",
          "  \"${COMP_WORDS[0]}\" names --prefix \"$1\" \"${graph[@]}\" 2>/dev/null",
          "}",
          "");

  /** picocli's script with the names function wired to the package-name options. */
  static String script(CommandLine root) {
    String script = AutoComplete.bash(root.getCommandName(), root);
    for (String option : List.of("'-c'|'--change')", "'--pin')")) {
      script =
          script.replace(
              "    " + option + "\n      return\n      ;;",
              "    "
                  + option
                  + "\n      local IFS=$'\\n'\n"
                  + "      COMPREPLY=( $( _preflight_names \"${curr_word}\" ) )\n"
                  + "      return 0\n      ;;");
    }
    int at = script.indexOf("# Generates completions for the options and subcommands of the");
    return at < 0
        ? script + NAMES_FUNCTION
        : script.substring(0, at) + NAMES_FUNCTION + "\n" + script.substring(at);
  }

  @Override
  public void run() {
    if (!stray.isEmpty()) {
      throw new CommandLine.UnmatchedArgumentException(self.commandLine(), stray);
    }
    CommandLine.Model.CommandSpec root = self.root();
    java.io.PrintWriter out = self.commandLine().getOut();
    out.print(script(root.commandLine()));
    out.flush();
  }
}
