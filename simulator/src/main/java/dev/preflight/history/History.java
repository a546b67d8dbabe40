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

  private final String source;
  private final String[] ids;
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
    this.source = Objects.requireNonNull(source);
    this.ids = ids;
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

  /**
   * Maps each node of {@code graph} to its history index (matched by node id), or -1 when the
   * history has no entry for it.
   */
  public int[] bind(PackageGraph graph) {
    int[] out = new int[graph.nodeCount()];
    Arrays.fill(out, -1);
    for (int k = 0; k < ids.length; k++) {
      int v = graph.indexOfId(ids[k]);
      if (v >= 0) {
        out[v] = k;
      }
    }
    return out;
  }

  /** How many of this history's ids are not nodes of {@code graph}. */
  public int unmatchedIds(PackageGraph graph) {
    int n = 0;
    for (String id : ids) {
      if (graph.indexOfId(id) < 0) {
        n++;
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return "History[ids=" + ids.length + ", entries=" + results.length + "]";
  }
}
