package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

final class MainTest {
  @Test
  void subcommand_isTheFirstNonOptionArgument() {
    assertEquals("impact", Main.subcommand("--verbose", "impact", "--change", "zlib"));
    assertEquals("batch", Main.subcommand("batch", "--changes", "x.jsonl"));
    assertNull(Main.subcommand("--version"));
    assertNull(Main.subcommand());
  }

  @Test
  void namedSubcommand_registersOnlyThatOne_otherwiseAll() {
    assertEquals(
        List.of("impact"),
        List.copyOf(
            Main.commandLine("--verbose", "impact", "--change", "zlib").getSubcommands().keySet()));
    assertEquals(
        List.copyOf(PreflightCommand.SUBCOMMANDS.keySet()),
        List.copyOf(Main.commandLine("--help").getSubcommands().keySet()));
    assertEquals(
        List.copyOf(PreflightCommand.SUBCOMMANDS.keySet()),
        List.copyOf(Main.commandLine("impakt").getSubcommands().keySet()));
    // Nested subcommands come with their parent.
    assertEquals(
        List.of("debian", "nix", "tsv"),
        List.copyOf(
            Main.commandLine("import", "tsv")
                .getSubcommands()
                .get("import")
                .getSubcommands()
                .keySet()));
  }

  /**
   * The launcher's training run (one JVM, several commands separated by ";") runs each command in
   * turn and returns the highest exit code, so that a command that fails is noticed.
   */
  @Test
  void training_runsEachCommand_andReturnsTheHighestExitCode() {
    java.io.PrintStream out = System.out;
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    int ok;
    int bad;
    try {
      System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
      System.setErr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
      ok = PreflightCli.training("impact", "--change", "zlib", ";", "stats", "--format", "json");
      bad = PreflightCli.training("stats", ";", "impact", "--change", "no-such-package", ";");
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertEquals(ExitCodes.OK, ok);
    assertEquals(ExitCodes.BAD_INPUT, bad);
    String printed = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(printed.contains("rebuild count"), "impact ran: " + printed);
    assertTrue(printed.contains("\"nodes\""), "stats --format json ran: " + printed);
  }

  @Test
  void misspeltSubcommand_stillGetsSuggestions() {
    Cli r = Cli.run("impakt");
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode, r.toString());
    assertTrue(
        r.err.startsWith("preflight: error: unknown command 'impakt' (closest: impact"), r.err);
    assertEquals(1, r.err.lines().count(), r.err);
  }

  @Test
  void usageErrors_areOneLine_withTheClosestChoiceAndWhereToLook() {
    Cli option = Cli.run("stats", "--formt", "json");
    assertEquals(ExitCodes.BAD_INPUT, option.exitCode, option.toString());
    assertEquals(
        "preflight: error: unknown option '--formt' (closest: --format); see 'preflight stats"
            + " --help'\n",
        option.err);
    Cli positional = Cli.run("plan", "zlib");
    assertEquals(ExitCodes.BAD_INPUT, positional.exitCode, positional.toString());
    assertEquals(
        "preflight: error: unexpected argument 'zlib': 'preflight plan' takes options only; see"
            + " 'preflight plan --help'\n",
        positional.err);
    Cli nested = Cli.run("import", "debain");
    assertTrue(
        nested.err.startsWith("preflight: error: unknown command 'debain' (closest: debian)"),
        nested.err);
    for (Cli r :
        List.of(
            Cli.run("impact", "--cutoff-trials", "x"),
            Cli.run("impact", "--change"),
            Cli.run("import"))) {
      assertEquals(ExitCodes.BAD_INPUT, r.exitCode, r.toString());
      assertEquals(1, r.err.lines().count(), r.err);
      assertTrue(r.err.startsWith("preflight: error: "), r.err);
      assertTrue(r.err.contains(" --help'"), r.err);
      assertEquals("", r.out);
    }
  }

  @Test
  void generateCompletion_strayWord_isAUsageError() {
    Cli r = Cli.run("generate-completion", "bash");
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode, r.toString());
    assertEquals("", r.out);
    assertTrue(r.err.startsWith("preflight: error: unexpected argument 'bash'"), r.err);
  }

  @Test
  void generateCompletion_offersTheValuesOfNamedOptions() {
    // Regression: --policy, --scheduler and --format took strings, so completion offered nothing.
    String script = Cli.run("generate-completion").out;
    for (String values :
        List.of(
            "(\"transitive\" \"direct\" \"local\" \"cutoff\" \"binnmu\" \"static\") # --policy"
                + " values",
            "(\"transitive\" \"direct\" \"local\" \"binnmu\" \"static\") # --policy values",
            "(\"hydra\" \"hydra-critical-path\" \"hydra-legacy\" \"fifo\" \"critical-path\" \"channel-first\")"
                + " # --scheduler values",
            "(\"table\" \"json\" \"csv\" \"markdown\" \"arrow\" \"html\") # --format values",
            "(\"table\" \"json\" \"csv\" \"markdown\" \"arrow\") # --format values",
            "(\"table\" \"json\") # --format values",
            "(\"spark\" \"local\") # --engine values")) {
      assertTrue(script.contains(values), "completion lacks " + values);
    }
  }

  @Test
  void version_onEverySubcommand_printsTheBuildsVersion() {
    // Regression: "preflight stats --version" printed nothing and exited 0.
    String top = Cli.run("--version").out;
    assertTrue(top.startsWith("preflight "), top);
    for (String[] args :
        List.of(
            new String[] {"stats", "--version"},
            new String[] {"import", "tsv", "-V"},
            new String[] {"batch", "sample", "--version"},
            new String[] {"generate-completion", "--version"})) {
      Cli r = Cli.run(args);
      assertEquals(0, r.exitCode, r.toString());
      assertEquals(top, r.out, String.join(" ", args));
    }
  }

  @Test
  void anError_isAnInternalErrorLine_exit3_traceOnlyWithVerbose() {
    // Regression: an Error (here as a failing static initializer throws it) escaped picocli's
    // handler: Java's own stack trace and exit 1, the code of a failed --fail-above check.
    for (boolean verbose : new boolean[] {false, true}) {
      java.io.StringWriter err = new java.io.StringWriter();
      picocli.CommandLine cl = Main.commandLine();
      cl.addSubcommand("boom", new Boom());
      cl.setErr(new java.io.PrintWriter(err, true));
      int code = verbose ? Main.execute(cl, "--verbose", "boom") : Main.execute(cl, "boom");
      assertEquals(ExitCodes.INTERNAL, code);
      String text = err.toString();
      assertTrue(
          text.startsWith(
              "preflight: internal error: java.lang.ExceptionInInitializerError: no native"),
          text);
      assertEquals(verbose, text.contains("\tat "), text);
      if (!verbose) {
        assertEquals(1, text.lines().count(), text);
      }
    }
  }

  @picocli.CommandLine.Command(name = "boom")
  static final class Boom implements Runnable {
    @Override
    public void run() {
      throw new ExceptionInInitializerError("no native library");
    }
  }

  @Test
  void helpAndCompletion_seeEverySubcommand() {
    Cli help = Cli.run("help", "impact");
    assertEquals(0, help.exitCode, help.toString());
    assertTrue(help.out.contains("Usage: preflight impact"), help.toString());
    Cli completion = Cli.run("generate-completion");
    assertEquals(0, completion.exitCode, completion.toString());
    assertTrue(completion.out.contains("plan"), "completion lacks plan");
  }

  @Test
  void helpOfHelp_startsWithUsage_likeEveryOtherCommand() {
    Cli r = Cli.run("help", "--help");
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.startsWith("Usage: preflight help"), r.out);
  }

  @Test
  void topLevelHelp_listsEverySubcommand() {
    Cli r = Cli.run("--help");
    assertEquals(0, r.exitCode, r.toString());
    for (String name : PreflightCommand.SUBCOMMANDS.keySet()) {
      if (PreflightCommand.SUBCOMMANDS
          .get(name)
          .getAnnotation(picocli.CommandLine.Command.class)
          .hidden()) {
        continue; // names: for the completion script only
      }
      assertTrue(r.out.contains("  " + name + " "), name + " missing from\n" + r.out);
    }
  }

  @Test
  void eachSubcommandAlone_parsesItsHelpTheSameAsInTheFullTree() {
    for (String name : PreflightCommand.SUBCOMMANDS.keySet()) {
      String alone = Main.commandLine(name).getSubcommands().get(name).getUsageMessage();
      String inFull = Main.commandLine().getSubcommands().get(name).getUsageMessage();
      assertEquals(inFull, alone, name);
    }
  }
}
