package dev.preflight.graph.io;

import dev.preflight.graph.GraphMetadata;
import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.Progress;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A graph as two tab-separated files, for people and scripts (UTF-8, {@code \n} or {@code \r\n}).
 *
 * <p>{@code nodes.tsv}: a header line naming the columns, then one node per line. Columns, in any
 * order; only {@code id} is required: {@code id, name, version, system, buildSeconds, lastStatus,
 * channels, aliases, sizeBytes, unchangedProbability}. An empty field means absent (name = id,
 * version and system empty, numbers unknown, status {@code UNKNOWN}); {@code channels} and {@code
 * aliases} are comma-separated; {@code lastStatus} takes {@code GREEN}/{@code RED}/{@code UNKNOWN}
 * or a Hydra result word. Lines starting with {@code #} are comments, except {@code #:
 * key<TAB>value} lines, which carry the graph's metadata: {@code formatVersion}, {@code source},
 * {@code selfLoopsDropped}, {@code duplicateEdgesMerged}, {@code unresolved NAME} (once per name)
 * and {@code property KEY VALUE}.
 *
 * <p>{@code edges.tsv}: one {@code dependent<TAB>input} line per edge ("building dependent needs
 * input"), by node id; {@code #} comments and blank lines are skipped; a first line {@code
 * dependent<TAB>input} is a header. With a nodes file, an edge naming an id it lacks is an error.
 * Without one (an edges-only graph) the nodes are implied by the edges, numbered in order of first
 * appearance; an id of the form {@code name@system} gives the node that name and system.
 *
 * <p>Escapes, in any field: {@code \\}, {@code \t}, {@code \n}, {@code \r}, and {@code \,} for a
 * comma inside a list item; a line's first field may start with {@code \#} for a literal {@code #}.
 * The writer escapes exactly these, so every graph round-trips; other backslashes are read
 * literally.
 *
 * <p>How a path names a TSV graph (for {@code --graph} and {@code -o}): a directory holding {@code
 * nodes.tsv} and/or {@code edges.tsv}; a file {@code [X.]nodes.tsv}, paired with the sibling {@code
 * [X.]edges.tsv} if it exists; any other {@code .tsv} file is an edges file, paired with the
 * sibling {@code [X.]nodes.tsv} when its name is {@code [X.]edges.tsv} and that sibling exists.
 * Writing always produces both files, each atomically.
 *
 * <p>Errors are {@link InputException}s naming the file and line: missing or unknown column, wrong
 * number of fields, bad number, unknown status, duplicate id, edge to an unknown node. Stateless
 * and thread-safe.
 */
public final class TsvGraphFormat {
  /** The layout version in the {@code #: formatVersion} line. */
  public static final int FORMAT_VERSION = 1;

  static final String NODES_FILE = "nodes.tsv";
  static final String EDGES_FILE = "edges.tsv";
  static final List<String> COLUMNS =
      List.of(
          "id",
          "name",
          "version",
          "system",
          "buildSeconds",
          "lastStatus",
          "channels",
          "aliases",
          "sizeBytes",
          "unchangedProbability");
  private static final String EDGES_HEADER = "dependent\tinput";
  private static final String DIRECTIVE = "#: ";
  private static final int PROGRESS_EVERY = 1 << 16;

  private TsvGraphFormat() {}

  // ---------------------------------------------------------------- paths

  /** The nodes and edges files a path names; either may be null (absent). */
  record Pair(Path nodes, Path edges) {}

  /** The files {@code path} names for reading (see the class comment). */
  static Pair resolveForReading(Path path) {
    if (Files.isDirectory(path)) {
      Path nodes = path.resolve(NODES_FILE);
      Path edges = path.resolve(EDGES_FILE);
      Pair p = new Pair(Files.exists(nodes) ? nodes : null, Files.exists(edges) ? edges : null);
      if (p.nodes() == null && p.edges() == null) {
        throw new InputException(
            path.toString(), null, "directory holds neither nodes.tsv nor edges.tsv");
      }
      return p;
    }
    String name = path.getFileName().toString();
    if (name.endsWith(NODES_FILE)) {
      Path edges = sibling(path, NODES_FILE, EDGES_FILE);
      return new Pair(path, Files.exists(edges) ? edges : null);
    }
    if (name.endsWith(EDGES_FILE)) {
      Path nodes = sibling(path, EDGES_FILE, NODES_FILE);
      return new Pair(Files.exists(nodes) ? nodes : null, path);
    }
    return new Pair(null, path);
  }

  /** The pair of files {@code path} names for writing. */
  static Pair resolveForWriting(Path path) {
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    if (Files.isDirectory(path) || !name.toLowerCase(Locale.ROOT).endsWith(".tsv")) {
      return new Pair(path.resolve(NODES_FILE), path.resolve(EDGES_FILE));
    }
    if (name.endsWith(NODES_FILE)) {
      return new Pair(path, sibling(path, NODES_FILE, EDGES_FILE));
    }
    if (name.endsWith(EDGES_FILE)) {
      return new Pair(sibling(path, EDGES_FILE, NODES_FILE), path);
    }
    throw new InputException(
        path.toString(),
        null,
        "a TSV graph is a pair of files: name a directory, X.nodes.tsv or X.edges.tsv");
  }

  private static Path sibling(Path path, String suffix, String replacement) {
    String name = path.getFileName().toString();
    return path.resolveSibling(name.substring(0, name.length() - suffix.length()) + replacement);
  }

  // ---------------------------------------------------------------- writing

  /**
   * Writes {@code graph} as the pair of files {@code target} names (a directory, {@code
   * X.nodes.tsv} or {@code X.edges.tsv}), each through a temporary file and a rename.
   */
  public static void write(PackageGraph graph, Path target) {
    Pair p = resolveForWriting(target);
    AtomicFiles.write(p.nodes(), tmp -> writeNodes(graph, tmp));
    AtomicFiles.write(p.edges(), tmp -> writeEdges(graph, tmp));
  }

  private static void writeNodes(PackageGraph g, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      GraphMetadata m = g.metadata();
      out.write(DIRECTIVE + "formatVersion\t" + FORMAT_VERSION + "\n");
      out.write(DIRECTIVE + "source\t" + escape(m.source(), false) + "\n");
      out.write(DIRECTIVE + "selfLoopsDropped\t" + m.selfLoopsDropped() + "\n");
      out.write(DIRECTIVE + "duplicateEdgesMerged\t" + m.duplicateEdgesMerged() + "\n");
      for (String u : m.unresolved()) {
        out.write(DIRECTIVE + "unresolved\t" + escape(u, false) + "\n");
      }
      for (Map.Entry<String, String> e : m.properties().entrySet()) {
        out.write(
            DIRECTIVE
                + "property\t"
                + escape(e.getKey(), false)
                + "\t"
                + escape(e.getValue(), false)
                + "\n");
      }
      out.write(String.join("\t", COLUMNS));
      out.write('\n');
      StringBuilder line = new StringBuilder(256);
      for (int v = 0; v < g.nodeCount(); v++) {
        line.setLength(0);
        line.append(escapeFirst(g.id(v))).append('\t');
        line.append(escape(g.name(v), false)).append('\t');
        line.append(escape(g.version(v), false)).append('\t');
        line.append(escape(g.system(v), false)).append('\t');
        double s = g.buildSeconds(v);
        line.append(Double.isNaN(s) ? "" : Double.toString(s)).append('\t');
        line.append(g.lastStatus(v).name()).append('\t');
        appendList(line, g.channels(v), g.id(v)).append('\t');
        appendList(line, g.aliases(v), g.id(v)).append('\t');
        long size = g.sizeBytes(v);
        line.append(size < 0 ? "" : Long.toString(size)).append('\t');
        double p = g.unchangedProbability(v);
        line.append(
            Double.isNaN(p) ? "" : Double.toString(ArrowGraphFormat.shortestDouble((float) p)));
        line.append('\n');
        out.append(line);
      }
    }
  }

  private static StringBuilder appendList(StringBuilder line, List<String> items, String id) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).isEmpty()) {
        throw InputException.of(
            "node '" + id + "' has an empty channel or alias, which TSV cannot represent");
      }
      if (i > 0) {
        line.append(',');
      }
      line.append(escape(items.get(i), true));
    }
    return line;
  }

  private static void writeEdges(PackageGraph g, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(EDGES_HEADER);
      out.write('\n');
      String[] escaped = new String[g.nodeCount()];
      for (int v = 0; v < g.nodeCount(); v++) {
        escaped[v] = escapeFirst(g.id(v));
      }
      for (int v = 0; v < g.nodeCount(); v++) {
        for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
          out.write(escaped[v]);
          out.write('\t');
          // Not a first field, but escaping '#' there too is harmless and keeps one string.
          out.write(escaped[g.input(p)]);
          out.write('\n');
        }
      }
    }
  }

  private static String escapeFirst(String s) {
    String e = escape(s, false);
    return e.startsWith("#") ? "\\" + e : e;
  }

  static String escape(String s, boolean inList) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r =
          switch (c) {
            case '\\' -> "\\\\";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case ',' -> inList ? "\\," : null;
            default -> null;
          };
      if (r != null && sb == null) {
        sb = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (sb != null) {
        if (r != null) {
          sb.append(r);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** Undoes {@link #escape}; unknown escapes stay as written. */
  static String unescape(String s) {
    int at = s.indexOf('\\');
    if (at < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length()).append(s, 0, at);
    for (int i = at; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        sb.append(c);
        continue;
      }
      char next = s.charAt(i + 1);
      switch (next) {
        case '\\' -> sb.append('\\');
        case 't' -> sb.append('\t');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case ',' -> sb.append(',');
        case '#' -> sb.append('#');
        default -> sb.append(c).append(next);
      }
      i++;
    }
    return sb.toString();
  }

  /** Splits a list field on unescaped commas and unescapes each item; empty field = no items. */
  static List<String> splitList(String field) {
    if (field.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ',') {
        out.add(unescape(field.substring(start, i)));
        start = i + 1;
      }
    }
    out.add(unescape(field.substring(start)));
    return out;
  }

  // ---------------------------------------------------------------- reading

  /** Reads the TSV graph {@code path} names (a directory or a nodes/edges file; see above). */
  public static PackageGraph read(Path path, Progress progress) {
    Pair p = resolveForReading(path);
    return read(p.edges(), p.nodes(), progress);
  }

  /**
   * Reads a graph from an edges file and an optional nodes file: the entry point of {@code import
   * tsv}.
   *
   * @param edges the {@code dependent<TAB>input} file, or null for a graph without edges
   * @param nodesOrNull the nodes file, or null to imply the nodes from the edges
   */
  public static PackageGraph read(Path edges, Path nodesOrNull, Progress progress) {
    PackageGraphBuilder b = PackageGraph.builder();
    readInto(b, edges, nodesOrNull, progress);
    return b.build();
  }

  /**
   * Like {@link #read(Path, Path, Progress)}, into a builder the caller then builds (after adding a
   * description or properties of its own). Sets the builder's source file to the nodes file (or the
   * edges file).
   */
  public static void readInto(
      PackageGraphBuilder b, Path edges, Path nodesOrNull, Progress progress) {
    if (edges == null && nodesOrNull == null) {
      throw new IllegalArgumentException("a TSV graph needs an edges file, a nodes file or both");
    }
    b.sourceFile((nodesOrNull != null ? nodesOrNull : edges).toString());
    if (nodesOrNull != null) {
      readNodes(b, nodesOrNull, progress);
    }
    if (edges != null) {
      readEdges(b, edges, nodesOrNull, progress);
    }
  }

  /** The UTF-8 byte-order mark as Java reads it. */
  private static final String BOM = "\uFEFF";

  private static void readNodes(PackageGraphBuilder b, Path file, Progress progress) {
    String source = file.toString();
    progress.start("reading " + file.getFileName(), size(file), "bytes");
    Metadata meta = new Metadata(source);
    int[] column = null; // column index -> position in COLUMNS
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
        if (lineNo % PROGRESS_EVERY == 0) {
          progress.advance(bytes);
          bytes = 0;
        }
        line = stripCr(line);
        if (line.startsWith(DIRECTIVE)) {
          meta.directive(line.substring(DIRECTIVE.length()), lineNo);
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
          source, null, "no header line (expected columns: " + String.join(", ", COLUMNS) + ")");
    }
    b.restoreMetadata(meta.toMetadata());
    progress.done();
  }

  private static int[] header(String[] fields, String source, String where) {
    int[] column = new int[fields.length];
    boolean[] seen = new boolean[COLUMNS.size()];
    for (int i = 0; i < fields.length; i++) {
      int c = COLUMNS.indexOf(fields[i].trim());
      if (c < 0) {
        throw new InputException(
            source,
            where,
            "unknown column '"
                + fields[i]
                + "' in the header"
                + dev.preflight.graph.Names.closest(fields[i].trim(), COLUMNS)
                    .map(x -> ": did you mean '" + x + "'?")
                    .orElse("")
                + " (known: "
                + String.join(", ", COLUMNS)
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
          "missing column 'id' in the header (columns: " + String.join(", ", COLUMNS) + ")");
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
      String col = COLUMNS.get(column[i]);
      switch (column[i]) {
        case 0 -> id = unescape(f);
        case 1 -> name = unescape(f);
        case 2 -> version = unescape(f);
        case 3 -> system = unescape(f);
        case 4 -> seconds = f.isEmpty() ? Double.NaN : parseDouble(f, col, source, where);
        case 5 -> {
          try {
            status = NodeStatus.parse(f);
          } catch (IllegalArgumentException e) {
            throw new InputException(source, where, "column 'lastStatus': " + e.getMessage());
          }
        }
        case 6 -> channels = splitList(f);
        case 7 -> aliases = splitList(f);
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

  private static void readEdges(
      PackageGraphBuilder b, Path file, Path nodesFile, Progress progress) {
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
        if (lineNo % PROGRESS_EVERY == 0) {
          progress.advance(bytes);
          bytes = 0;
        }
        line = stripCr(line);
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (first) {
          first = false;
          if (line.equalsIgnoreCase(EDGES_HEADER)) {
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
        String a = unescape(line.substring(0, tab));
        String c = unescape(line.substring(tab + 1));
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
          if (!f[1].trim().equals(Integer.toString(FORMAT_VERSION))) {
            throw new InputException(
                source,
                where,
                "unsupported formatVersion "
                    + f[1]
                    + " (this Preflight reads "
                    + FORMAT_VERSION
                    + ")");
          }
        }
        case "source" -> description = unescape(f[1]);
        case "selfLoopsDropped" -> selfLoops = count(f[1], key, where);
        case "duplicateEdgesMerged" -> merged = count(f[1], key, where);
        case "unresolved" -> unresolved.add(unescape(f[1]));
        case "property" -> properties.put(unescape(f[1]), unescape(f[2]));
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
