package dev.preflight.graph.io;

import dev.preflight.graph.GraphMetadata;
import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the two files of a TSV graph ({@link TsvGraphFormat}) into a {@link PackageGraphBuilder}:
 * the nodes file's header, {@code #:} metadata lines and rows, then the edges file, each bad line
 * an {@link InputException} naming the file, the line and the field.
 */
final class TsvGraphReader {
  private TsvGraphReader() {}

  /** The UTF-8 byte-order mark as Java reads it. */
  private static final String BOM = "\uFEFF";

  static void readNodes(PackageGraphBuilder b, Path file, Progress progress) {
    String source = file.toString();
    progress.start("reading " + file.getFileName(), size(file), "bytes");
    Metadata meta = new Metadata(source);
    int[] column = null; // column index -> position in TsvGraphFormat.COLUMNS
    int lineNo = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long bytes = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        bytes += line.length() + 1;
        if (lineNo == 1 && line.startsWith(BOM)) {
          // A byte-order mark (Windows editors write one) is not part of the first name.
          line = line.substring(1);
        }
        if (lineNo % TsvGraphFormat.PROGRESS_EVERY == 0) {
          progress.advance(bytes);
          bytes = 0;
        }
        line = stripCr(line);
        if (line.startsWith(TsvGraphFormat.DIRECTIVE)) {
          meta.directive(line.substring(TsvGraphFormat.DIRECTIVE.length()), lineNo);
          continue;
        }
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String where = "line " + lineNo;
        String[] fields = line.split("\t", -1);
        if (column == null) {
          column = header(fields, source, where);
          continue;
        }
        if (fields.length != column.length) {
          throw new InputException(
              source,
              where,
              "expected "
                  + column.length
                  + " tab-separated fields as in the header, found "
                  + fields.length);
        }
        b.addNode(node(fields, column, source, where), where);
      }
      progress.advance(bytes);
    } catch (CharacterCodingException e) {
      throw new InputException(
          source, "line " + (lineNo + 1), "not valid UTF-8 (here or a little further on)");
    } catch (IOException e) {
      throw InputFiles.unreadable(file, e);
    }
    if (column == null) {
      throw new InputException(
          source,
          null,
          "no header line (expected columns: " + String.join(", ", TsvGraphFormat.COLUMNS) + ")");
    }
    b.restoreMetadata(meta.toMetadata());
    progress.done();
  }

  private static int[] header(String[] fields, String source, String where) {
    int[] column = new int[fields.length];
    boolean[] seen = new boolean[TsvGraphFormat.COLUMNS.size()];
    for (int i = 0; i < fields.length; i++) {
      int c = TsvGraphFormat.COLUMNS.indexOf(fields[i].trim());
      if (c < 0) {
        throw new InputException(
            source,
            where,
            "unknown column '"
                + fields[i]
                + "' in the header"
                + dev.preflight.graph.Names.closest(fields[i].trim(), TsvGraphFormat.COLUMNS)
                    .map(x -> ": did you mean '" + x + "'?")
                    .orElse("")
                + " (known: "
                + String.join(", ", TsvGraphFormat.COLUMNS)
                + ")");
      }
      if (seen[c]) {
        throw new InputException(source, where, "column '" + fields[i] + "' appears twice");
      }
      seen[c] = true;
      column[i] = c;
    }
    if (!seen[0]) {
      throw new InputException(
          source,
          where,
          "missing column 'id' in the header (columns: "
              + String.join(", ", TsvGraphFormat.COLUMNS)
              + ")");
    }
    return column;
  }

  private static NodeRecord node(String[] fields, int[] column, String source, String where) {
    String id = null;
    String name = "";
    String version = "";
    String system = "";
    double seconds = Double.NaN;
    NodeStatus status = NodeStatus.UNKNOWN;
    List<String> channels = List.of();
    List<String> aliases = List.of();
    long size = -1;
    double unchanged = Double.NaN;
    for (int i = 0; i < fields.length; i++) {
      String f = fields[i];
      String col = TsvGraphFormat.COLUMNS.get(column[i]);
      switch (column[i]) {
        case 0 -> id = TsvEscapes.unescape(f);
        case 1 -> name = TsvEscapes.unescape(f);
        case 2 -> version = TsvEscapes.unescape(f);
        case 3 -> system = TsvEscapes.unescape(f);
        case 4 -> seconds = f.isEmpty() ? Double.NaN : parseDouble(f, col, source, where);
        case 5 -> {
          try {
            status = NodeStatus.parse(f);
          } catch (IllegalArgumentException e) {
            throw new InputException(source, where, "column 'lastStatus': " + e.getMessage());
          }
        }
        case 6 -> channels = TsvEscapes.splitList(f);
        case 7 -> aliases = TsvEscapes.splitList(f);
        case 8 -> size = f.isEmpty() ? -1 : parseLong(f, col, source, where);
        case 9 -> unchanged = f.isEmpty() ? Double.NaN : parseDouble(f, col, source, where);
        default -> throw new IllegalStateException("column " + column[i]);
      }
    }
    if (id == null || id.isEmpty()) {
      throw new InputException(source, where, "empty id");
    }
    try {
      return new NodeRecord(
          id, name, version, system, seconds, status, channels, aliases, size, unchanged);
    } catch (IllegalArgumentException e) {
      throw new InputException(source, where, "node '" + id + "': " + e.getMessage());
    }
  }

  private static double parseDouble(String f, String column, String source, String where) {
    try {
      return Double.parseDouble(f.trim());
    } catch (NumberFormatException e) {
      throw new InputException(source, where, "column '" + column + "': not a number: '" + f + "'");
    }
  }

  private static long parseLong(String f, String column, String source, String where) {
    try {
      return Long.parseLong(f.trim());
    } catch (NumberFormatException e) {
      throw new InputException(
          source, where, "column '" + column + "': not a whole number: '" + f + "'");
    }
  }

  static void readEdges(PackageGraphBuilder b, Path file, Path nodesFile, Progress progress) {
    String source = file.toString();
    progress.start("reading " + file.getFileName(), size(file), "bytes");
    int lineNo = 0;
    boolean first = true;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long bytes = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        bytes += line.length() + 1;
        if (lineNo == 1 && line.startsWith(BOM)) {
          // A byte-order mark (Windows editors write one) is not part of the first name.
          line = line.substring(1);
        }
        if (lineNo % TsvGraphFormat.PROGRESS_EVERY == 0) {
          progress.advance(bytes);
          bytes = 0;
        }
        line = stripCr(line);
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (first) {
          first = false;
          if (line.equalsIgnoreCase(TsvGraphFormat.EDGES_HEADER)) {
            continue;
          }
        }
        int tab = line.indexOf('\t');
        if (tab < 0 || line.indexOf('\t', tab + 1) >= 0) {
          throw new InputException(
              source,
              "line " + lineNo,
              "expected 2 tab-separated fields (dependent<TAB>input), found "
                  + line.split("\t", -1).length);
        }
        String a = TsvEscapes.unescape(line.substring(0, tab));
        String c = TsvEscapes.unescape(line.substring(tab + 1));
        if (a.isEmpty() || c.isEmpty()) {
          throw new InputException(source, "line " + lineNo, "empty node id");
        }
        int from = resolve(b, a, nodesFile, source, lineNo, a, c);
        int to = resolve(b, c, nodesFile, source, lineNo, a, c);
        b.addEdge(from, to);
      }
      progress.advance(bytes);
    } catch (CharacterCodingException e) {
      throw new InputException(
          source, "line " + (lineNo + 1), "not valid UTF-8 (here or a little further on)");
    } catch (IOException e) {
      throw InputFiles.unreadable(file, e);
    }
    progress.done();
  }

  private static int resolve(
      PackageGraphBuilder b,
      String id,
      Path nodesFile,
      String source,
      int lineNo,
      String dependent,
      String input) {
    int v = b.indexOf(id);
    if (v >= 0) {
      return v;
    }
    if (nodesFile != null) {
      throw new InputException(
          source,
          "line " + lineNo,
          "edge "
              + dependent
              + " -> "
              + input
              + " names unknown node '"
              + id
              + "' (not in "
              + nodesFile.getFileName()
              + ")");
    }
    int at = id.lastIndexOf('@');
    boolean split = at > 0 && at < id.length() - 1;
    return b.addNode(
        NodeRecord.of(id, split ? id.substring(0, at) : id, split ? id.substring(at + 1) : ""),
        "line " + lineNo);
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  /** The {@code #:} lines of a nodes file. */
  private static final class Metadata {
    private final String source;
    private String description = "";
    private long selfLoops;
    private long merged;
    private final List<String> unresolved = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();

    Metadata(String source) {
      this.source = source;
    }

    void directive(String text, int lineNo) {
      String[] f = text.split("\t", -1);
      String where = "line " + lineNo;
      String key = f[0].trim();
      int expected = key.equals("property") ? 3 : 2;
      if (f.length != expected) {
        throw new InputException(
            source,
            where,
            "metadata line '#: "
                + key
                + "' needs "
                + (expected - 1)
                + " tab-separated value(s), found "
                + (f.length - 1));
      }
      switch (key) {
        case "formatVersion" -> {
          if (!f[1].trim().equals(Integer.toString(TsvGraphFormat.FORMAT_VERSION))) {
            throw new InputException(
                source,
                where,
                "unsupported formatVersion "
                    + f[1]
                    + " (this Preflight reads "
                    + TsvGraphFormat.FORMAT_VERSION
                    + ")");
          }
        }
        case "source" -> description = TsvEscapes.unescape(f[1]);
        case "selfLoopsDropped" -> selfLoops = count(f[1], key, where);
        case "duplicateEdgesMerged" -> merged = count(f[1], key, where);
        case "unresolved" -> unresolved.add(TsvEscapes.unescape(f[1]));
        case "property" -> properties.put(TsvEscapes.unescape(f[1]), TsvEscapes.unescape(f[2]));
        default ->
            throw new InputException(
                source,
                where,
                "unknown metadata key '"
                    + key
                    + "' (known: "
                    + String.join(
                        ", ",
                        Arrays.asList(
                            "formatVersion",
                            "source",
                            "selfLoopsDropped",
                            "duplicateEdgesMerged",
                            "unresolved",
                            "property"))
                    + "; a plain comment starts with '# ')");
      }
    }

    private long count(String value, String key, String where) {
      try {
        long n = Long.parseLong(value.trim());
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new InputException(source, where, key + " must be a count, got '" + value + "'");
    }

    GraphMetadata toMetadata() {
      return new GraphMetadata(description, selfLoops, merged, unresolved, properties);
    }
  }
}
