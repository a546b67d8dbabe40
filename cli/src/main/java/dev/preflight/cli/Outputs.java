package dev.preflight.cli;

import dev.preflight.graph.InputException;
import dev.preflight.graph.io.GraphFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Choosing the format of a graph file a command writes. */
final class Outputs {
  private Outputs() {}

  /**
   * Fails when two of a command's output files are the same file (after normalising the paths, or
   * by {@link Files#isSameFile} when it exists, which sees links): the second write would silently
   * replace the first.
   *
   * @param outputs option name to file, in the order the command writes them; null files are absent
   */
  static void requireDistinct(Map<String, Path> outputs) {
    List<Map.Entry<String, Path>> named =
        outputs.entrySet().stream().filter(e -> e.getValue() != null).toList();
    for (int i = 0; i < named.size(); i++) {
      for (int j = i + 1; j < named.size(); j++) {
        Path a = named.get(i).getValue();
        Path b = named.get(j).getValue();
        if (sameFile(a, b)) {
          throw InputException.of(
              named.get(i).getKey()
                  + " and "
                  + named.get(j).getKey()
                  + " name the same file ("
                  + b
                  + "): the second would overwrite the first");
        }
      }
    }
  }

  private static boolean sameFile(Path a, Path b) {
    if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
      return true;
    }
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

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
