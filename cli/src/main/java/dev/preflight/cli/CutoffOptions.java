package dev.preflight.cli;

import dev.preflight.report.question.ImpactQuestion;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The Monte Carlo of {@code impact --policy cutoff}: how many trials ({@code --cutoff-trials},
 * formerly {@code --samples}) and their seed.
 */
final class CutoffOptions {
  @Option(
      names = "--cutoff-trials",
      paramLabel = "N",
      description = "cutoff: Monte Carlo trials (default from settings: 1000).")
  Integer trials;

  @Mixin OldSamplesOption oldSamples;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "cutoff: seed of the trials (default from settings: 1).")
  Long seed;

  /**
   * Takes the old spelling (its notice on {@code err}) and fails on an out-of-range count, before
   * any graph is read.
   */
  void check(PrintWriter err) {
    trials = oldSamples.or(trials, "impact", "--cutoff-trials", err);
    ImpactQuestion.checkCutoffTrials(trials);
  }
}
