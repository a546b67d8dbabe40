package dev.preflight.cli;

import dev.preflight.graph.InputException;
import dev.preflight.graph.io.GraphFormat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Choosing the format of a graph file a command writes. */
final class Outputs {
  private Outputs() {}

  /**
   * The format {@code formatName} names, else the one {@code file}'s extension names; it must be
   * writable (importer formats are read only).
   */
  static GraphFormat writableFormat(Path file, String formatName) {
    GraphFormat f = formatName != null ? GraphFormat.byName(formatName) : GraphFormat.forPath(file);
    if (!f.canWrite()) {
      throw new InputException(
          file.toString(),
          null,
          "format '"
              + f.formatName()
              + "' can be read but not written (writable: "
              + Arrays.stream(GraphFormat.values())
                  .filter(GraphFormat::canWrite)
                  .map(GraphFormat::formatName)
                  .collect(Collectors.joining(", "))
              + ")");
    }
    return f;
  }
}
