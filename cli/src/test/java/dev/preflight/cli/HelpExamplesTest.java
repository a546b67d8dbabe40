package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command of the tree, nested ones included, shows an {@code Examples:} section in its {@code
 * --help}, and every example names an existing subcommand path and parses with picocli (known
 * options, right arity).
 */
final class HelpExamplesTest {

  /** Every command's path below the root, the root itself as the empty path. */
  static Stream<List<String>> commands() {
    List<List<String>> out = new ArrayList<>();
    walk(Main.commandLine(), new ArrayList<>(), out);
    return out.stream();
  }

  private static void walk(CommandLine cl, List<String> path, List<List<String>> out) {
    out.add(List.copyOf(path));
    for (var e : cl.getSubcommands().entrySet()) {
      if (!e.getValue().getCommandName().equals(e.getKey())) {
        continue; // an alias of a command already walked
      }
      path.add(e.getKey());
      walk(e.getValue(), path, out);
      path.remove(path.size() - 1);
    }
  }

  private static CommandLine find(CommandLine root, List<String> path) {
    CommandLine cl = root;
    for (String name : path) {
      cl = cl.getSubcommands().get(name);
    }
    return cl;
  }

  /** The example lines of a help text: those under "Examples:" that start with "preflight ". */
  static List<String> examples(String help) {
    List<String> lines = help.lines().toList();
    int start = lines.indexOf("Examples:");
    List<String> out = new ArrayList<>();
    if (start < 0) {
      return out;
    }
    StringBuilder pending = null;
    for (String raw : lines.subList(start + 1, lines.size())) {
      String line = raw.strip();
      if (pending != null) {
        pending.append(' ').append(line);
      } else if (line.startsWith("preflight ") || line.equals("preflight")) {
        pending = new StringBuilder(line);
      } else {
        continue;
      }
      if (pending.toString().endsWith("\\")) {
        pending.setLength(pending.length() - 1);
      } else {
        out.add(pending.toString());
        pending = null;
      }
    }
    return out;
  }

  /** Shell words of an example up to a comment, pipe or redirection; quotes kept simple. */
  static List<String> words(String example) {
    List<String> out = new ArrayList<>();
    for (String w : example.trim().split("\\s+")) {
      if (w.startsWith("#") || w.equals("|") || w.startsWith(">")) {
        break;
      }
      out.add(
          w.length() > 1 && w.startsWith("'") && w.endsWith("'")
              ? w.substring(1, w.length() - 1)
              : w);
    }
    return out.subList(1, out.size()); // drop "preflight"
  }

  @ParameterizedTest(name = "preflight {0} --help")
  @MethodSource("commands")
  void help_hasExamplesThatParse(List<String> path) {
    CommandLine root = Main.commandLine();
    root.setUsageHelpWidth(300); // no wrapping inside an example
    String help = find(root, path).getUsageMessage(CommandLine.Help.Ansi.OFF);
    List<String> examples = examples(help);
    assertFalse(
        examples.isEmpty(),
        "preflight "
            + String.join(" ", path)
            + ": no 'Examples:' with a 'preflight ...' line in:\n"
            + help);
    boolean ownPath = false;
    for (String example : examples) {
      List<String> args = words(example);
      // The subcommand path of the example must exist.
      CommandLine cl = Main.commandLine();
      List<String> examplePath = new ArrayList<>();
      for (String w : args) {
        if (w.startsWith("-") || cl.getSubcommands().isEmpty()) {
          break;
        }
        CommandLine sub = cl.getSubcommands().get(w);
        if (sub == null) {
          fail(
              "example '"
                  + example
                  + "' names no subcommand '"
                  + w
                  + "' of "
                  + cl.getCommandName());
        }
        cl = sub;
        examplePath.add(sub.getCommandName());
      }
      ownPath |=
          examplePath.size() >= path.size() && examplePath.subList(0, path.size()).equals(path);
      try {
        Main.commandLine().parseArgs(args.toArray(new String[0]));
      } catch (CommandLine.ParameterException e) {
        fail("example '" + example + "' does not parse: " + e.getMessage());
      }
    }
    assertTrue(
        ownPath, "no example of 'preflight " + String.join(" ", path) + "' itself: " + examples);
  }

  @ParameterizedTest(name = "preflight {0} --help at 80 columns")
  @MethodSource("commands")
  void help_examplesAreNotWrappedAtTheDefaultWidth(List<String> path) {
    // Regression: picocli wraps footer lines at 80 columns, so an 87-column example printed as
    // "... -o\nbookworm.arrow" and could not be pasted; long examples continue with a backslash.
    String narrow = find(Main.commandLine(), path).getUsageMessage(CommandLine.Help.Ansi.OFF);
    CommandLine wide = Main.commandLine();
    wide.setUsageHelpWidth(300);
    assertEquals(
        examples(find(wide, path).getUsageMessage(CommandLine.Help.Ansi.OFF)),
        examples(narrow),
        "preflight " + String.join(" ", path));
  }

  /** Examples that need no file of the user's (only fixtures/) and write nothing. */
  static Stream<String> runnableExamples() {
    List<String> out = new ArrayList<>();
    for (List<String> path : commands().toList()) {
      if (path.size() != 1
          || !List.of("stats", "impact", "cost", "risk", "plan").contains(path.get(0))) {
        continue; // import needs real package sets, batch and generate write files
      }
      CommandLine root = Main.commandLine();
      root.setUsageHelpWidth(300);
      for (String example : examples(find(root, path).getUsageMessage(CommandLine.Help.Ansi.OFF))) {
        List<String> args = words(example);
        boolean writes = example.contains(">") || args.contains("-o") || args.contains("--html");
        boolean userFile =
            args.stream()
                .anyMatch(
                    w ->
                        !w.startsWith("-")
                            && !w.startsWith("fixtures/")
                            && w.matches(".*\\.(json|jsonl|csv|txt|arrow|yaml|yml|tsv)"));
        if (!writes && !userFile && !out.contains(example)) {
          out.add(example);
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runnableExamples")
  void example_runsOnTheBundledFiles(String example) {
    // Regression: three examples (--cluster hydra-like.json, --channel nixos-small) exited 2 on
    // the bundled Debian graph, which has neither x86_64-linux nor channels.
    String repo = System.getProperty("preflight.repo", "..");
    String[] args =
        words(example).stream()
            .map(w -> w.startsWith("fixtures/") ? java.nio.file.Path.of(repo, w).toString() : w)
            .toArray(String[]::new);
    Cli r = Cli.run(args);
    assertEquals(expectedExit(example), r.exitCode, example + "\n" + r);
    assertFalse(r.out.isEmpty(), example + "\n" + r);
  }

  /**
   * The exit code an example must give on the bundled files: 1 for the CI gates whose conditions
   * the bundled Debian graph fails (its zlib rebuild is over any small threshold and misses a short
   * deadline), 0 otherwise. A gate example that passes would be a different, visible change.
   */
  static int expectedExit(String example) {
    return example.contains("--fail-above") || example.contains("--fail-if-deadline-missed")
        ? 1
        : 0;
  }

  @Test
  void runnableExamples_coverTheClusterAndChannelOnes() {
    List<String> all = runnableExamples().toList();
    assertTrue(all.stream().anyMatch(e -> e.contains("--channel nixos-small")), all.toString());
    assertTrue(all.stream().anyMatch(e -> e.contains("hydra-like.json")), all.toString());
  }

  @Test
  void walk_reachesNestedCommands() {
    List<List<String>> all = commands().toList();
    assertTrue(all.contains(List.of("import", "debian")), all.toString());
    assertTrue(all.contains(List.of("plan")), all.toString());
  }

  @Test
  void examples_joinContinuationLinesAndStopAtComments() {
    String help =
        "Usage: x\n\nExamples:\n  preflight a --b \\\n      --c d\n  preflight plan --x  # why\n";
    List<String> ex = examples(help);
    assertEquals(List.of("preflight a --b  --c d", "preflight plan --x  # why"), ex);
    assertEquals(List.of("plan", "--x"), words(ex.get(1)));
  }
}
