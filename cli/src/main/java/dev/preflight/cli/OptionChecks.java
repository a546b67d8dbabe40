package dev.preflight.cli;

import dev.preflight.graph.InputException;
import java.util.Map;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The lower bound of every count option the command line alone reads, by option, and the one check
 * of them: run on the parsed command line before any command runs ({@link PreflightCli}), so a bad
 * count fails before any file is read, with one wording ({@code --top must be >= 0, got -1}, exit 2
 * through {@link InputException}) and without each option's class repeating the check. Bounds that
 * the server shares ({@code --samples}, {@code --cutoff-trials}, {@code --sample-builds}, risk's
 * and plan's {@code --top}) are also checked with the question, in report's question package.
 */
final class OptionChecks {
  private OptionChecks() {}

  /**
   * The smallest value of each count option. {@code --fail-above} below 0 would fail every run, an
   * empty rebuild included; {@code --top 0} lists no rows; {@code --partitions 0} is the default.
   */
  private static final Map<String, Integer> AT_LEAST =
      Map.of("--threads", 1, "--fail-above", 0, "--top", 0, "--partitions", 0);

  /** Fails on the first count option of {@code parsed} (any subcommand) below its bound. */
  static void requireBounds(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      for (OptionSpec o : p.matchedOptions()) {
        Integer min = AT_LEAST.get(o.longestName());
        if (min != null && o.getValue() instanceof Integer value && value < min) {
          throw InputException.of(o.longestName() + " must be >= " + min + ", got " + value);
        }
      }
    }
  }
}
