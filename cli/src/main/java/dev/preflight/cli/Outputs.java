package dev.preflight.cli;

import dev.preflight.graph.InputException;
import dev.preflight.graph.io.AtomicFiles;
import dev.preflight.graph.io.GraphFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Checks on the files a command writes, and choosing the format of a graph file it writes. */
final class Outputs {
  private Outputs() {}

  /** The options that name a file a command writes; every other file option names an input. */
  static final Set<String> OUTPUT_OPTIONS = Set.of("-o", "--output", "--html");

  /** Options of type String whose values are input files ({@code batch --graph LABEL=FILE}). */
  private static final Set<String> STRING_FILE_OPTIONS = Set.of("--graph");

  /**
   * Fails when an output file of the command {@code parsed} names (the innermost subcommand) is one
   * of its inputs: the same path after normalising, or the same file by {@link Files#isSameFile}
   * (through links, or another name of the same inode). The bundled graph counts as an input of a
   * command that reads a graph without {@code --graph}. Outputs written directly (devices, FIFOs,
   * {@code -}: {@link AtomicFiles.Mode#DIRECT}) replace nothing and are not checked.
   */
  static void requireNotInputs(CommandLine.ParseResult parsed) {
    CommandLine.ParseResult leaf = parsed;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    CommandSpec spec = leaf.commandSpec();
    List<Map.Entry<String, Path>> outputs = new ArrayList<>();
    List<Map.Entry<String, Path>> inputs = new ArrayList<>();
    boolean graphGiven = false;
    for (OptionSpec o : spec.options()) {
      boolean output = Arrays.stream(o.names()).anyMatch(OUTPUT_OPTIONS::contains);
      boolean stringFiles = Arrays.stream(o.names()).anyMatch(STRING_FILE_OPTIONS::contains);
      List<Path> files = files(o.getValue(), stringFiles);
      if (o.longestName().equals("--graph") && !files.isEmpty()) {
        graphGiven = true;
      }
      for (Path f : files) {
        (output ? outputs : inputs).add(Map.entry(o.longestName(), f));
      }
    }
    for (CommandLine.Model.PositionalParamSpec p : spec.positionalParameters()) {
      for (Path f : files(p.getValue(), false)) {
        inputs.add(Map.entry(p.paramLabel(), f));
      }
    }
    if (outputs.isEmpty()) {
      return;
    }
    if (!graphGiven && spec.findOption("--graph") != null) {
      try {
        inputs.add(Map.entry("the bundled graph", DefaultGraph.path()));
      } catch (InputException noDefault) {
        // The command fails on its own when it needs the graph.
      }
    }
    for (Map.Entry<String, Path> out : outputs) {
      Path o = out.getValue();
      if (o.toString().equals("-") || o.toString().isEmpty()) {
        continue;
      }
      if (AtomicFiles.mode(o) == AtomicFiles.Mode.DIRECT) {
        continue;
      }
      for (Map.Entry<String, Path> in : inputs) {
        if (sameFile(o, in.getValue())) {
          throw new InputException(
              o.toString(),
              null,
              out.getKey()
                  + " names an input of this run ("
                  + (in.getKey().startsWith("-") ? in.getKey() + " " + in.getValue() : in.getKey())
                  + "): writing it would destroy the input; name another file");
        }
      }
    }
  }

  private static List<Path> files(Object value, boolean strings) {
    List<Path> out = new ArrayList<>();
    if (value instanceof Path p) {
      out.add(p);
    } else if (value instanceof Collection<?> c) {
      for (Object x : c) {
        out.addAll(files(x, strings));
      }
    } else if (value instanceof Object[] a) {
      for (Object x : a) {
        out.addAll(files(x, strings));
      }
    } else if (strings && value instanceof String s && !s.isEmpty()) {
      int eq = s.indexOf('=');
      try {
        out.add(Path.of(eq > 0 ? s.substring(eq + 1) : s));
      } catch (java.nio.file.InvalidPathException notAPath) {
        // Not a file name; the command reports it.
      }
    }
    return out;
  }

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
    GraphFormat f = formatName != null ? GraphFormat.byName(formatName) : byExtension(file);
    if (f == null) {
      // Not GraphFormat.forPath's message: it lists read-only extensions and names --input-format.
      throw new InputException(
          file.toString(),
          null,
          "cannot tell the output format from the file name (writable: "
              + Arrays.stream(GraphFormat.values())
                  .filter(GraphFormat::canWrite)
                  .flatMap(w -> w.extensions().stream())
                  .collect(Collectors.joining(", "))
              + "); name one with --output-format");
    }
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

  private static GraphFormat byExtension(Path file) {
    try {
      return GraphFormat.forPath(file);
    } catch (InputException e) {
      return null;
    }
  }
}
