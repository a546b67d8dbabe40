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

  @Test
  void misspeltSubcommand_stillGetsSuggestions() {
    Cli r = Cli.run("impakt");
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode, r.toString());
    assertTrue(r.err.contains("Did you mean: preflight impact"), r.toString());
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
  void topLevelHelp_listsEverySubcommand() {
    Cli r = Cli.run("--help");
    assertEquals(0, r.exitCode, r.toString());
    for (String name : PreflightCommand.SUBCOMMANDS.keySet()) {
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
