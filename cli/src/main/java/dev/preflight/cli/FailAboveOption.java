package dev.preflight.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --fail-above N}, the CI gate on the rebuild count of {@code impact} and {@code plan}. */
final class FailAboveOption {
  @Option(
      names = "--fail-above",
      paramLabel = "N",
      description = "Exit 1 when the rebuild count is above N (a CI gate).")
  Integer limit;

  /** Fails on a negative gate, which would fail every run, an empty rebuild included. */
  void check() {
    OptionChecks.atLeast("--fail-above", limit, 0);
  }

  /** Whether {@code rebuildCount} passes the gate; if not, says so on {@code err}. */
  boolean passes(int rebuildCount, PrintWriter err) {
    if (limit == null || rebuildCount <= limit) {
      return true;
    }
    err.printf("preflight: rebuild count %d is above --fail-above %d%n", rebuildCount, limit);
    return false;
  }
}
