package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --samples} where it was renamed ({@code impact --cutoff-trials}, {@code risk
 * --sample-builds}): the old spelling gives the same output with one notice on stderr, is hidden
 * from help, and both spellings at once are bad usage.
 */
final class OldSamplesOptionTest {
  private static Cli run(String command, String extra, String... option) {
    List<String> args = new ArrayList<>(List.of(command, "-c", "zlib"));
    args.addAll(List.of(extra.split(" ")));
    args.addAll(List.of(option));
    return Cli.runSample(args.toArray(new String[0]));
  }

  @ParameterizedTest(name = "{0} {2}")
  @CsvSource({"impact, -p cutoff -f json, --cutoff-trials", "risk, -f json, --sample-builds"})
  void oldSpelling_sameOutput_oneNotice_hiddenFromHelp(String command, String extra, String name) {
    Cli now = run(command, extra, name, "40");
    Cli old = run(command, extra, "--samples", "40");
    assertEquals(0, old.exitCode, old.toString());
    assertEquals(now.out, old.out);
    assertEquals("", now.err);
    assertEquals(
        "preflight: warning: "
            + command
            + " --samples is deprecated, use "
            + name
            + " (--samples is for the duration draws of cost and plan)\n",
        old.err);
    Cli both = run(command, extra, "--samples", "4", name, "4");
    assertEquals(ExitCodes.BAD_INPUT, both.exitCode, both.toString());
    assertEquals(
        "preflight: error: --samples is the old name of " + name + ": give only " + name + "\n",
        both.err);
    String help = Cli.runSample(command, "--help").out;
    assertTrue(help.contains(name), help);
    assertFalse(help.contains("--samples"), help);
  }
}
