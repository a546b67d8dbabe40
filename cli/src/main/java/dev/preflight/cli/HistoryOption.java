package dev.preflight.cli;

import dev.preflight.history.History;
import dev.preflight.history.HistoryFile;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --history}, shared by {@code cost}, {@code risk} and {@code plan}: past builds give the
 * observed durations and, for risk, the previous statuses and failure rates.
 */
final class HistoryOption {
  @Option(
      names = "--history",
      paramLabel = "FILE",
      description =
          "Build history: CSV id,seconds,status,finishedAt or Hydra's builds JSON (durations,"
              + " statuses, failure rates).")
  Path file;

  /** The history, or {@code none} when no file was named. */
  History read(History none) {
    return file == null ? none : HistoryFile.read(file);
  }
}
