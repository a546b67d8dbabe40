package dev.preflight.impact;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Turns change specs into node indexes (DESIGN.md §2: "ids, names, globs; a file of them").
 *
 * <p>A spec is tried, in this order, as: an exact node <b>id</b>; a <b>name</b> (every system's
 * node of that name); an <b>alias</b> (every node carrying it); {@code name.system} or {@code
 * name@system} where {@code system} is one of the graph's systems (the name part may also be an
 * alias); a Debian <b>binary package</b> name (every node that builds it: {@code libssl3} names
 * {@code openssl}; the change records the translation); {@code name:arch} with a Debian
 * architecture ({@code openssl:arm64}, {@code libssl3:arm64}); a <b>glob</b> with {@code *} (any
 * run of characters) and {@code ?} (one character), matched against whole names and whole ids. The
 * first kind that matches wins. A spec that matches nothing is an {@link InputException} listing up
 * to five closest known names.
 *
 * <p>Closest names: ranked by the edit distance between the spec and the best-matching substring of
 * a name (so {@code zlb} finds {@code zlib} and {@code zlib-ng}), then by the full edit distance,
 * then alphabetically; case-insensitive. Two cheap filters come first, so the {@code |spec| *
 * |name|} alignment runs only for names that can still be within the limit: a name shorter than
 * {@code |spec| - limit}, or missing more than {@code limit} of the spec's characters (counted as a
 * multiset: each costs at least one edit), is skipped. A few milliseconds on 40,000 names; an
 * absurd spec (specs are at most {@link dev.preflight.graph.Names#MAX_NAME_LENGTH} characters)
 * passes no filter and costs one pass over the names.
 *
 * <p>Not thread-safe (lazily built name tables); cheap to create per request.
 */
public final class ChangeResolver {
  private static final int MAX_SUGGESTIONS = 5;

  private final PackageGraph graph;
  private final java.util.SortedMap<String, String> viaBinary = new java.util.TreeMap<>();
  private String[] distinctNames; // sorted, lazily
  private char[][] lowerNames; // distinctNames in lower case, lazily

  public ChangeResolver(PackageGraph graph) {
    this.graph = graph;
  }

  /** The resolved change of a complete set of nodes (e.g. from a snapshot diff). */
  public static Changes changesOf(PackageGraph graph, int[] nodes) {
    int[] sorted = Arrays.stream(nodes).sorted().distinct().toArray();
    TreeSet<String> names = new TreeSet<>();
    for (int v : sorted) {
      names.add(graph.name(v));
    }
    return new Changes(sorted, new ArrayList<>(names));
  }

  /**
   * Resolves command-line specs and, if given, a changes file; the union of all of them.
   *
   * @param changesFile a file with one spec per line ({@code #} starts a comment), or null
   * @throws InputException for an unknown spec (naming the file and line for file specs)
   */
  public Changes resolve(List<String> specs, Path changesFile) {
    BitSet chosen = new BitSet(graph.nodeCount());
    for (String spec : specs) {
      for (int v : resolveSpec(spec)) {
        chosen.set(v);
      }
    }
    if (changesFile != null) {
      for (int v : resolveFile(changesFile).nodes()) {
        chosen.set(v);
      }
    }
    Changes c = changesOf(graph, chosen.stream().toArray());
    return new Changes(c.nodes(), c.resolvedNames(), viaBinary);
  }

  /** Resolves command-line specs. */
  public Changes resolve(List<String> specs) {
    return resolve(specs, null);
  }

  /** Resolves a changes file: one spec per line, blank lines and {@code #} comments ignored. */
  public Changes resolveFile(Path file) {
    List<String> lines;
    dev.preflight.graph.io.InputFiles.requireFile(file);
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw dev.preflight.graph.io.InputFiles.unreadable(file, e);
    }
    BitSet chosen = new BitSet(graph.nodeCount());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1); // a byte-order mark is not part of the first name
      }
      int hash = line.indexOf('#');
      String spec = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (spec.isEmpty()) {
        continue;
      }
      try {
        for (int v : resolveSpec(spec)) {
          chosen.set(v);
        }
      } catch (InputException e) {
        throw new InputException(file.toString(), "line " + (i + 1), e.problem());
      }
    }
    Changes c = changesOf(graph, chosen.stream().toArray());
    return new Changes(c.nodes(), c.resolvedNames(), viaBinary);
  }

  /**
   * The nodes one spec names, ascending.
   *
   * @throws InputException if it names none
   */
  public int[] resolveSpec(String rawSpec) {
    String spec = rawSpec == null ? "" : rawSpec.strip();
    if (spec.isEmpty()) {
      throw InputException.of("empty change name");
    }
    dev.preflight.graph.Names.requireLength("change name", spec);
    int byId = graph.indexOfId(spec);
    if (byId >= 0) {
      return new int[] {byId};
    }
    int[] byName = namedOrAliased(spec);
    if (byName.length > 0) {
      return byName;
    }
    int[] byBinary = binary(spec);
    if (byBinary.length > 0) {
      return byBinary;
    }
    int[] bySystem = nameWithSystem(spec);
    if (bySystem.length > 0) {
      return bySystem;
    }
    int[] byArch = nameWithArch(spec);
    if (byArch.length > 0) {
      return byArch;
    }
    if (isGlob(spec)) {
      int[] matches = glob(spec);
      if (matches.length == 0) {
        throw InputException.of(
            "pattern '" + dev.preflight.graph.Names.quote(spec) + "' matches no package");
      }
      return matches;
    }
    List<String> closest = suggestions(spec);
    throw InputException.of(
        "unknown package '"
            + dev.preflight.graph.Names.quote(spec)
            + "'"
            + (closest.isEmpty() ? "" : " (closest: " + String.join(", ", closest) + ")"));
  }

  private int[] namedOrAliased(String name) {
    int[] named = graph.nodesNamed(name);
    if (named.length > 0) {
      return named; // index order is ascending
    }
    if (graph.indexOfAlias(name) < 0) {
      return named;
    }
    // The graph's alias index keeps one owner per alias; an alias shared by several systems'
    // nodes needs a scan (only on an alias hit).
    List<Integer> owners = new ArrayList<>();
    for (int v = 0; v < graph.nodeCount(); v++) {
      if (graph.aliases(v).contains(name)) {
        owners.add(v);
      }
    }
    return owners.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The nodes building binary package {@code name}; records the translation. */
  private int[] binary(String name) {
    int[] nodes = graph.nodesBuildingBinary(name);
    if (nodes.length > 0) {
      TreeSet<String> sources = new TreeSet<>();
      for (int v : nodes) {
        sources.add(graph.name(v));
      }
      viaBinary.put(name, String.join(",", sources));
    }
    return nodes;
  }

  /**
   * {@code name:arch} (Debian's spelling, e.g. {@code openssl:arm64}): the nodes of that name,
   * alias or binary package on the system whose architecture part is {@code arch}.
   */
  private int[] nameWithArch(String spec) {
    int colon = spec.lastIndexOf(':');
    if (colon <= 0 || colon == spec.length() - 1) {
      return new int[0];
    }
    String name = spec.substring(0, colon);
    String arch = spec.substring(colon + 1);
    int[] candidates = namedOrAliased(name);
    if (candidates.length == 0) {
      candidates = binary(name);
    }
    return Arrays.stream(candidates)
        .filter(v -> graph.system(v).equals(arch) || graph.system(v).startsWith(arch + "-"))
        .toArray();
  }

  private int[] nameWithSystem(String spec) {
    List<String> systems = graph.systems();
    for (int s = 0; s < systems.size(); s++) {
      String system = systems.get(s);
      if (system.isEmpty() || spec.length() <= system.length() + 1) {
        continue;
      }
      char sep = spec.charAt(spec.length() - system.length() - 1);
      if ((sep == '.' || sep == '@') && spec.endsWith(system)) {
        String name = spec.substring(0, spec.length() - system.length() - 1);
        int[] candidates = namedOrAliased(name);
        int[] onSystem =
            Arrays.stream(candidates).filter(v -> graph.system(v).equals(system)).toArray();
        if (onSystem.length > 0) {
          return onSystem;
        }
      }
    }
    return new int[0];
  }

  static boolean isGlob(String spec) {
    return spec.indexOf('*') >= 0 || spec.indexOf('?') >= 0;
  }

  /**
   * Whether {@code text} matches {@code glob} ({@code *} any run, {@code ?} one character), as a
   * whole. Greedy with one backtracking point (the last {@code *}): {@code O(|glob| * |text|)} at
   * worst. A regular expression of the same glob backtracks exponentially on a run of stars (found
   * by fuzzing: {@code pe****************!rl*} took seconds on a 20-name graph).
   */
  static boolean globMatches(String glob, String text) {
    int g = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == text.charAt(t))) {
        g++;
        t++;
      } else if (g < glob.length() && glob.charAt(g) == '*') {
        star = g++;
        mark = t;
      } else if (star >= 0) {
        g = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (g < glob.length() && glob.charAt(g) == '*') {
      g++;
    }
    return g == glob.length();
  }

  private int[] glob(String spec) {
    List<Integer> out = new ArrayList<>();
    for (int v = 0; v < graph.nodeCount(); v++) {
      if (globMatches(spec, graph.name(v)) || globMatches(spec, graph.id(v))) {
        out.add(v);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Up to five known names closest to {@code spec}, closest first. */
  public List<String> suggestions(String spec) {
    if (spec.length() > dev.preflight.graph.Names.MAX_NAME_LENGTH) {
      return List.of();
    }
    String[] names = distinctNames();
    if (lowerNames == null) {
      lowerNames = new char[names.length][];
      for (int k = 0; k < names.length; k++) {
        lowerNames[k] = names[k].toLowerCase(Locale.ROOT).toCharArray();
      }
    }
    char[] s = spec.toLowerCase(Locale.ROOT).toCharArray();
    int m = s.length;
    int limit = Math.max(1, m / 3);
    int[] infixPrev = new int[m + 1];
    int[] infixCol = new int[m + 1];
    int[] fullPrev = new int[m + 1];
    int[] fullCol = new int[m + 1];
    List<long[]> scored = new ArrayList<>();
    int[] specCounts = new int[CHAR_BUCKETS];
    for (char c : s) {
      specCounts[c % CHAR_BUCKETS]++;
    }
    int[] counts = new int[CHAR_BUCKETS];
    for (int k = 0; k < names.length; k++) {
      char[] t = lowerNames[k];
      if (t.length < m - limit || missing(specCounts, counts, t) > limit) {
        continue;
      }
      for (int i = 0; i <= m; i++) {
        infixPrev[i] = i;
        fullPrev[i] = i;
      }
      int bestInfix = m;
      for (int j = 1; j <= t.length; j++) {
        char c = t[j - 1];
        infixCol[0] = 0;
        fullCol[0] = j;
        for (int i = 1; i <= m; i++) {
          int cost = s[i - 1] == c ? 0 : 1;
          infixCol[i] =
              Math.min(Math.min(infixPrev[i] + 1, infixCol[i - 1] + 1), infixPrev[i - 1] + cost);
          fullCol[i] =
              Math.min(Math.min(fullPrev[i] + 1, fullCol[i - 1] + 1), fullPrev[i - 1] + cost);
        }
        bestInfix = Math.min(bestInfix, infixCol[m]);
        int[] swap = infixPrev;
        infixPrev = infixCol;
        infixCol = swap;
        swap = fullPrev;
        fullPrev = fullCol;
        fullCol = swap;
      }
      if (bestInfix <= limit) {
        scored.add(new long[] {bestInfix, fullPrev[m], k});
      }
    }
    scored.sort(
        (a, b) -> {
          for (int i = 0; i < 3; i++) {
            int c = Long.compare(a[i], b[i]);
            if (c != 0) {
              return c;
            }
          }
          return 0;
        });
    List<String> out = new ArrayList<>();
    for (int i = 0; i < scored.size() && out.size() < MAX_SUGGESTIONS; i++) {
      out.add(names[(int) scored.get(i)[2]]);
    }
    return out;
  }

  private static final int CHAR_BUCKETS = 128;

  /**
   * How many characters of the spec (as bucket counts) {@code t} lacks: a lower bound of the
   * alignment's cost, since each unmatched spec character costs one edit. Leaves {@code counts} as
   * zeros.
   */
  private static int missing(int[] specCounts, int[] counts, char[] t) {
    for (char c : t) {
      counts[c % CHAR_BUCKETS]++;
    }
    int missing = 0;
    for (int b = 0; b < CHAR_BUCKETS; b++) {
      missing += Math.max(0, specCounts[b] - counts[b]);
    }
    for (char c : t) {
      counts[c % CHAR_BUCKETS] = 0;
    }
    return missing;
  }

  private String[] distinctNames() {
    if (distinctNames == null) {
      String[] all = new String[graph.nodeCount()];
      for (int v = 0; v < all.length; v++) {
        all[v] = graph.name(v);
      }
      distinctNames = Arrays.stream(all).sorted().distinct().toArray(String[]::new);
    }
    return distinctNames;
  }
}
