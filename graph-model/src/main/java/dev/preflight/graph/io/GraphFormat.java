package dev.preflight.graph.io;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.arrow.ArrowGraphFormat;
import dev.preflight.graph.io.nix.NixImport;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The graph file formats, looked up by name ({@code --input-format}) or by file extension. Native
 * formats can be read and written; importer formats can only be read.
 */
public enum GraphFormat {
  /** Preflight's JSON document with {@code schemaVersion}. */
  JSON("json", List.of(".json"), JsonGraphFormat::read, atomic(JsonGraphFormat::write)),
  /** The native binary format: an Arrow IPC file, written ZSTD-compressed; the fastest to load. */
  ARROW(
      "arrow",
      List.of(".arrow"),
      ArrowGraphFormat::read,
      atomic((g, f) -> ArrowGraphFormat.writeTo(g, f, ArrowGraphFormat.Compression.ZSTD))),
  /**
   * {@code nodes.tsv} + {@code edges.tsv} for people and scripts: a directory holding them, or a
   * file named {@code [X.]edges.tsv} / {@code [X.]nodes.tsv} (see {@link TsvGraphFormat}).
   */
  TSV("tsv", List.of(".tsv"), TsvGraphFormat::read, TsvGraphFormat::write),
  /** {@code nix derivation show --recursive} JSON, any of its shapes (read only). */
  NIX_DERIVATIONS("nix-derivations", List.of(".drv.json"), NixImport::readDerivations, null),
  /** {@code nix-store --query --graph} DOT (read only). */
  NIX_DOT("nix-dot", List.of(".dot", ".gv"), NixImport::readDot, null),
  /** nix-eval-jobs JSON lines (read only). */
  NIX_EVAL_JOBS("nix-eval-jobs", List.of(".jsonl"), NixImport::readEvalJobs, null);

  /** Reads a graph from a file. */
  @FunctionalInterface
  public interface Reader {
    PackageGraph read(Path file, Progress progress);
  }

  /**
   * Writes a graph to a target path. Implementations are atomic per file: a reader never sees a
   * partial file (single-file formats get that from {@link #atomic}).
   */
  @FunctionalInterface
  public interface Writer {
    void write(PackageGraph graph, Path file) throws java.io.IOException;
  }

  /** {@code writer} made atomic: it writes a temporary sibling that is then renamed. */
  private static Writer atomic(Writer writer) {
    return (graph, file) -> AtomicFiles.write(file, tmp -> writer.write(graph, tmp));
  }

  private final String formatName;
  private final List<String> extensions;
  private final Reader reader;
  private final Writer writer;

  GraphFormat(String formatName, List<String> extensions, Reader reader, Writer writer) {
    this.formatName = formatName;
    this.extensions = extensions;
    this.reader = reader;
    this.writer = writer;
  }

  /** The name used on the command line. */
  public String formatName() {
    return formatName;
  }

  public List<String> extensions() {
    return extensions;
  }

  public boolean canWrite() {
    return writer != null;
  }

  /** Reads {@code file}; bad content becomes an {@link InputException} naming the file. */
  public PackageGraph read(Path file, Progress progress) {
    try {
      return reader.read(file, progress);
    } catch (InputException e) {
      throw e.inFile(file.toString());
    } catch (java.io.UncheckedIOException e) {
      throw InputFiles.unreadable(file, e.getCause());
    }
  }

  /** Writes {@code graph} to {@code file} through a temporary file and a rename. */
  public void write(PackageGraph graph, Path file) {
    if (writer == null) {
      throw InputException.of("format '" + formatName + "' can be read but not written");
    }
    try {
      writer.write(graph, file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The format with this name; an unknown name fails with the list of known ones. */
  public static GraphFormat byName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (GraphFormat f : values()) {
      if (f.formatName.equals(n)) {
        return f;
      }
    }
    throw dev.preflight.graph.Names.unknown(
        "graph format",
        name,
        Arrays.stream(values()).map(GraphFormat::formatName).collect(Collectors.toList()));
  }

  /** The format a file's extension names; fails with the known extensions. */
  public static GraphFormat forPath(Path file) {
    if (java.nio.file.Files.isDirectory(file)) {
      return TSV;
    }
    String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
    GraphFormat best = null;
    int bestLength = -1;
    for (GraphFormat f : values()) {
      for (String ext : f.extensions) {
        if (fileName.endsWith(ext) && ext.length() > bestLength) {
          best = f;
          bestLength = ext.length();
        }
      }
    }
    if (best == null) {
      throw new InputException(
          file.toString(),
          null,
          "cannot tell the graph format from the file name (known extensions: "
              + Arrays.stream(values())
                  .flatMap(f -> f.extensions.stream())
                  .collect(Collectors.joining(", "))
              + ", or a directory of nodes.tsv and edges.tsv); name one with --input-format");
    }
    return best;
  }

  /** Reads {@code file} in the format its extension names, or {@code formatName} if not null. */
  public static PackageGraph load(Path file, String formatName, Progress progress) {
    if (!java.nio.file.Files.exists(file)) {
      throw new InputException(file.toString(), null, "no such file");
    }
    GraphFormat f = formatName == null ? forPath(file) : byName(formatName);
    return f.read(file, progress);
  }

  /** Comma-separated names of all formats. */
  public static String known() {
    return Arrays.stream(values()).map(GraphFormat::formatName).collect(Collectors.joining(", "));
  }

  /**
   * The double with the shortest decimal form that still narrows to {@code f}: {@code 0.9} rather
   * than {@code 0.8999999761581421}, so other tools see the value the user wrote (Arrow's float64
   * column, the TSV text).
   */
  public static double shortestDouble(float f) {
    double d = Double.parseDouble(Float.toString(f));
    return (float) d == f ? d : f;
  }

  /** The message of {@code t}'s root cause, or its class name when it has none. */
  public static String rootMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
  }
}
