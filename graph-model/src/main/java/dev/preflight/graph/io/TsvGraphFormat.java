package dev.preflight.graph.io;

import dev.preflight.graph.GraphMetadata;
import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  static final String EDGES_HEADER = "dependent\tinput";
  static final String DIRECTIVE = "#: ";
  static final int PROGRESS_EVERY = 1 << 16;

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
      out.write(DIRECTIVE + "source\t" + TsvEscapes.escape(m.source(), false) + "\n");
      out.write(DIRECTIVE + "selfLoopsDropped\t" + m.selfLoopsDropped() + "\n");
      out.write(DIRECTIVE + "duplicateEdgesMerged\t" + m.duplicateEdgesMerged() + "\n");
      for (String u : m.unresolved()) {
        out.write(DIRECTIVE + "unresolved\t" + TsvEscapes.escape(u, false) + "\n");
      }
      for (Map.Entry<String, String> e : m.properties().entrySet()) {
        out.write(
            DIRECTIVE
                + "property\t"
                + TsvEscapes.escape(e.getKey(), false)
                + "\t"
                + TsvEscapes.escape(e.getValue(), false)
                + "\n");
      }
      out.write(String.join("\t", COLUMNS));
      out.write('\n');
      StringBuilder line = new StringBuilder(256);
      for (int v = 0; v < g.nodeCount(); v++) {
        line.setLength(0);
        line.append(TsvEscapes.escapeFirst(g.id(v))).append('\t');
        line.append(TsvEscapes.escape(g.name(v), false)).append('\t');
        line.append(TsvEscapes.escape(g.version(v), false)).append('\t');
        line.append(TsvEscapes.escape(g.system(v), false)).append('\t');
        double s = g.buildSeconds(v);
        line.append(Double.isNaN(s) ? "" : Double.toString(s)).append('\t');
        line.append(g.lastStatus(v).name()).append('\t');
        appendList(line, g.channels(v), g.id(v)).append('\t');
        appendList(line, g.aliases(v), g.id(v)).append('\t');
        long size = g.sizeBytes(v);
        line.append(size < 0 ? "" : Long.toString(size)).append('\t');
        double p = g.unchangedProbability(v);
        line.append(Double.isNaN(p) ? "" : Double.toString(GraphFormat.shortestDouble((float) p)));
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
      line.append(TsvEscapes.escape(items.get(i), true));
    }
    return line;
  }

  private static void writeEdges(PackageGraph g, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(EDGES_HEADER);
      out.write('\n');
      String[] escaped = new String[g.nodeCount()];
      for (int v = 0; v < g.nodeCount(); v++) {
        escaped[v] = TsvEscapes.escapeFirst(g.id(v));
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
      TsvGraphReader.readNodes(b, nodesOrNull, progress);
    }
    if (edges != null) {
      TsvGraphReader.readEdges(b, edges, nodesOrNull, progress);
    }
  }
}
