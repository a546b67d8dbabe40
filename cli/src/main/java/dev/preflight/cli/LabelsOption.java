package dev.preflight.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code --labels}: only the ofborg label lines, for bots ({@code impact}, {@code plan}). */
final class LabelsOption {
  @Option(
      names = "--labels",
      description = "Print only the ofborg label lines (for bots), whatever the --format.")
  boolean only;

  /** The label lines, one per line. */
  static String text(List<String> labels) {
    return dev.preflight.report.question.ImpactQuestion.labelsText(labels);
  }
}
