package dev.preflight.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What a bot or a CI job reads from {@code impact} and {@code plan}, the two commands that take
 * both: {@code --labels} prints only ofborg's label lines, {@code --fail-above N} gates the exit
 * status on the rebuild count.
 */
final class CiOptions {
  @Option(
      names = "--labels",
      description = "Print only the ofborg label lines (for bots), whatever the --format.")
  boolean labelsOnly;

  @Option(
      names = "--fail-above",
      paramLabel = "N",
      description = "Exit 1 when the rebuild count is above N (a CI gate).")
  Integer failAbove;

  /** Whether {@code rebuildCount} passes the gate; if not, says so on {@code err}. */
  boolean passes(int rebuildCount, PrintWriter err) {
    if (failAbove == null || rebuildCount <= failAbove) {
      return true;
    }
    err.printf("preflight: rebuild count %d is above --fail-above %d%n", rebuildCount, failAbove);
    return false;
  }

  /** The label lines, one per line. */
  static String labelsText(List<String> labels) {
    return dev.preflight.report.question.ImpactQuestion.labelsText(labels);
  }
}
