package dev.preflight.history;

import dev.preflight.graph.PackageGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Past build results per node id, read from a history file ({@link HistoryFile}) and stored
 * column-wise: one entry range per id, entries in time order (oldest first; rows with the same
 * {@code finishedAt} keep their file order). Ids are numbered in order of first appearance in the
 * file; they need not be nodes of any graph ({@link #bind} maps them).
 *
 * <p>Memory: about 17 bytes per entry plus the id strings. Immutable and thread-safe.
 */
public final class History {
  private static final History EMPTY =
      new History("", new String[0], new int[1], new double[0], new byte[0], new long[0]);

  /** What {@link #bind} found for one graph; cached for the last graph bound. */
  private record Binding(PackageGraph graph, int[] nodeToHistory, int unmatched, String first) {}

  private final String source;
  private final String[] ids;
  private final String[] alternates;
  private final int skipped;
  private volatile Binding binding;
  private final int[] offsets;
  private final double[] seconds;
  private final byte[] results;
  private final long[] finishedAt;
  private final Map<String, Integer> index;
  private final long latestTime;

  History(
      String source,
      String[] ids,
      int[] offsets,
      double[] seconds,
      byte[] results,
      long[] finishedAt) {
    this(source, ids, null, offsets, seconds, results, finishedAt, 0);
  }

  /**
   * @param alternates per id an alternate form that also names the node (Hydra: the drv path beside
   *     the job name), or null entries; null when no id has one
   * @param skipped records of the source that carried no result (unfinished builds)
   */
  History(
      String source,
      String[] ids,
      String[] alternates,
      int[] offsets,
      double[] seconds,
      byte[] results,
      long[] finishedAt,
      int skipped) {
    this.source = Objects.requireNonNull(source);
    this.ids = ids;
    this.alternates = alternates;
    this.skipped = skipped;
    if (alternates != null && alternates.length != ids.length) {
      throw new IllegalArgumentException("one alternate per id");
    }
    this.offsets = offsets;
    this.seconds = seconds;
    this.results = results;
    this.finishedAt = finishedAt;
    this.index = new HashMap<>(Math.max(16, ids.length * 2));
    for (int k = 0; k < ids.length; k++) {
      index.put(ids[k], k);
    }
    long latest = Long.MIN_VALUE;
    for (long t : finishedAt) {
      latest = Math.max(latest, t);
    }
    this.latestTime = latest;
    checkInvariants();
  }

  /** A history without any entry. */
  public static History empty() {
    return EMPTY;
  }

  /** One past build. */
  public record Entry(double seconds, BuildResult result, long finishedAt) {
    public Entry {
      Objects.requireNonNull(result, "result");
      if (!Double.isNaN(seconds) && (seconds < 0 || Double.isInfinite(seconds))) {
        throw new IllegalArgumentException("seconds must be >= 0, got " + seconds);
      }
    }
  }

  /**
   * A history from entries per id, for tests and generators; each list is sorted by time (stable).
   */
  public static History of(String source, Map<String, List<Entry>> entries) {
    int total = 0;
    int idCount = 0;
    for (List<Entry> l : entries.values()) {
      total += l.size();
      idCount += l.isEmpty() ? 0 : 1;
    }
    String[] ids = new String[idCount];
    int[] offsets = new int[ids.length + 1];
    double[] secs = new double[total];
    byte[] res = new byte[total];
    long[] times = new long[total];
    int k = 0;
    int p = 0;
    for (Map.Entry<String, List<Entry>> e : entries.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      ids[k] = e.getKey();
      List<Entry> sorted = new ArrayList<>(e.getValue());
      sorted.sort((a, b) -> Long.compare(a.finishedAt(), b.finishedAt()));
      for (Entry en : sorted) {
        secs[p] = en.seconds();
        res[p] = (byte) en.result().ordinal();
        times[p] = en.finishedAt();
        p++;
      }
      offsets[++k] = p;
    }
    return new History(source, ids, offsets, secs, res, times);
  }

  private void checkInvariants() {
    if (offsets.length != ids.length + 1 || offsets[ids.length] != results.length) {
      throw new IllegalStateException("history offsets do not match its entries");
    }
    for (int k = 0; k < ids.length; k++) {
      if (offsets[k + 1] <= offsets[k]) {
        throw new IllegalStateException("history id without entries: " + ids[k]);
      }
      for (int p = offsets[k] + 1; p < offsets[k + 1]; p++) {
        if (finishedAt[p] < finishedAt[p - 1]) {
          throw new IllegalStateException("history entries of " + ids[k] + " out of time order");
        }
      }
    }
  }

  /** The file (or other source) the history was read from. */
  public String source() {
    return source;
  }

  /** Number of distinct ids. */
  public int size() {
    return ids.length;
  }

  /** Number of entries (rows). */
  public int entryCount() {
    return results.length;
  }

  public boolean isEmpty() {
    return ids.length == 0;
  }

  /** The id with index {@code k} (first-appearance order). */
  public String id(int k) {
    return ids[k];
  }

  /** The index of {@code id}, or -1. */
  public int indexOf(String id) {
    Integer k = index.get(id);
    return k == null ? -1 : k;
  }

  /** First entry position of id {@code k}. */
  public int entriesStart(int k) {
    return offsets[k];
  }

  /** One past the last (newest) entry position of id {@code k}. */
  public int entriesEnd(int k) {
    return offsets[k + 1];
  }

  /** Build seconds of the entry at {@code position}, {@code NaN} if the row had none. */
  public double seconds(int position) {
    return seconds[position];
  }

  public BuildResult result(int position) {
    return BuildResult.ofOrdinal(results[position]);
  }

  /** When the entry's build finished, in epoch seconds. */
  public long finishedAt(int position) {
    return finishedAt[position];
  }

  /** The newest result of id {@code k}. */
  public BuildResult latestResult(int k) {
    return result(offsets[k + 1] - 1);
  }

  /** The newest {@code finishedAt} in the whole history, {@code Long.MIN_VALUE} if empty. */
  public long latestTime() {
    return latestTime;
  }

  /** The entries of {@code id}, oldest first; empty if the id has none (allocates). */
  public List<Entry> entries(String id) {
    int k = indexOf(id);
    if (k < 0) {
      return List.of();
    }
    List<Entry> out = new ArrayList<>(offsets[k + 1] - offsets[k]);
    for (int p = offsets[k]; p < offsets[k + 1]; p++) {
      out.add(new Entry(seconds[p], result(p), finishedAt[p]));
    }
    return Collections.unmodifiableList(out);
  }

  /** Records of the source that carried no result and were skipped (unfinished builds). */
  public int skippedRecords() {
    return skipped;
  }

  /**
   * Maps each node of {@code graph} to its history index, or -1 when the history has no entry for
   * it. A history id names a node in any of the forms users and Hydra have (DESIGN.md §4), tried in
   * this order:
   *
   * <ol>
   *   <li>the node's id (a drv path for imported Nix graphs, {@code name.system} or {@code
   *       name@system} for others), or the id's alternate (Hydra's {@code drvpath});
   *   <li>{@code name@system};
   *   <li>Debian's {@code name:arch} ({@code openssl:arm64}) on that architecture's system;
   *   <li>a job or attribute path with the system, {@code curl.x86_64-linux} (Hydra's job names for
   *       nixpkgs' {@code release.nix}, nixpkgs CI's {@code packagePlatformPath}), where the
   *       attribute is the node's name or one of its aliases;
   *   <li>on a graph with one system only, the bare name or alias.
   * </ol>
   *
   * Two ids naming one node: the first one in the history wins (Hydra lists a derivation under
   * every job that evaluates to it, with the same result). {@code O(ids + nodes + aliases)}; the
   * result for the last graph is cached. The returned array is a copy.
   */
  public int[] bind(PackageGraph graph) {
    return binding(graph).nodeToHistory().clone();
  }

  /** How many of this history's ids name no node of {@code graph} in any form ({@link #bind}). */
  public int unmatchedIds(PackageGraph graph) {
    return binding(graph).unmatched();
  }

  /**
   * One line saying which ids matched nothing and which id forms {@code graph} understands, with a
   * real node as the example; null when every id matched.
   */
  public String unmatchedHint(PackageGraph graph) {
    Binding b = binding(graph);
    if (b.unmatched() == 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            java.util.Locale.ROOT,
            "%,d of %,d history ids match no node (first: '%s')",
            b.unmatched(),
            ids.length,
            b.first()));
    int example = -1;
    for (int v = 0; v < graph.nodeCount() && example < 0; v++) {
      if (!graph.system(v).isEmpty()) {
        example = v;
      }
    }
    if (example >= 0) {
      String name = graph.name(example);
      String system = graph.system(example);
      sb.append("; this graph's nodes are named like '")
          .append(graph.id(example))
          .append("', '")
          .append(name)
          .append('.')
          .append(system)
          .append("' or '")
          .append(name)
          .append('@')
          .append(system)
          .append('\'');
      if (graph.systems().size() == 1) {
        sb.append(" or '").append(name).append('\'');
      }
    }
    return sb.toString();
  }

  private Binding binding(PackageGraph graph) {
    Binding b = binding;
    if (b != null && b.graph() == graph) {
      return b;
    }
    b = computeBinding(graph);
    binding = b;
    return b;
  }

  private Binding computeBinding(PackageGraph graph) {
    int[] out = new int[graph.nodeCount()];
    Arrays.fill(out, -1);
    List<String> systems = graph.systems();
    Map<String, Integer> byAttribute = null; // "attribute\0system" -> node, built when needed
    int unmatched = 0;
    String first = null;
    for (int k = 0; k < ids.length; k++) {
      String id = ids[k];
      int v = graph.indexOfId(id);
      if (v < 0 && alternates != null && alternates[k] != null) {
        v = graph.indexOfId(alternates[k]);
      }
      if (v < 0) {
        if (byAttribute == null) {
          byAttribute = attributes(graph);
        }
        v = byForm(id, systems, byAttribute);
      }
      if (v < 0) {
        unmatched++;
        if (first == null) {
          first = id;
        }
      } else if (out[v] < 0) {
        out[v] = k;
      }
    }
    return new Binding(graph, out, unmatched, first);
  }

  private static int byForm(String id, List<String> systems, Map<String, Integer> byAttribute) {
    int at = id.lastIndexOf('@');
    if (at > 0) {
      Integer v = byAttribute.get(id.substring(0, at) + '\0' + id.substring(at + 1));
      if (v != null) {
        return v;
      }
    }
    for (String system : systems) {
      if (!system.isEmpty()
          && id.length() > system.length() + 1
          && id.endsWith(system)
          && id.charAt(id.length() - system.length() - 1) == '.') {
        Integer v =
            byAttribute.get(id.substring(0, id.length() - system.length() - 1) + '\0' + system);
        if (v != null) {
          return v;
        }
      }
    }
    // Debian's name:arch (wanna-build and buildd logs: openssl:arm64) on the system of that
    // architecture (arm64-linux, as the Debian importer names it).
    int colon = id.lastIndexOf(':');
    if (colon > 0 && colon < id.length() - 1) {
      String arch = id.substring(colon + 1);
      for (String system : systems) {
        if (system.equals(arch) || system.startsWith(arch + "-")) {
          Integer v = byAttribute.get(id.substring(0, colon) + '\0' + system);
          if (v != null) {
            return v;
          }
        }
      }
    }
    if (systems.size() == 1) {
      Integer v = byAttribute.get(id + '\0' + systems.get(0));
      if (v != null) {
        return v;
      }
    }
    return -1;
  }

  /** Every node under its name and each alias, per system; the first node wins a repeated key. */
  private static Map<String, Integer> attributes(PackageGraph graph) {
    Map<String, Integer> m = new HashMap<>(graph.nodeCount() * 2);
    for (int v = 0; v < graph.nodeCount(); v++) {
      String system = graph.system(v);
      m.putIfAbsent(graph.name(v) + '\0' + system, v);
      for (String a : graph.aliases(v)) {
        m.putIfAbsent(a + '\0' + system, v);
      }
    }
    return m;
  }

  @Override
  public String toString() {
    return "History[ids=" + ids.length + ", entries=" + results.length + "]";
  }
}
