package dev.preflight.impact;

import dev.preflight.graph.PackageGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The change between two snapshots of a package graph (DESIGN.md §2: "nodes whose own inputs hash
 * changed"), for {@code preflight impact --before G1 --after G2}.
 *
 * <p>Nodes are matched by {@code id}. A node of the after-graph seeds the closure when it is
 * <b>new</b> (its id is absent before: with Nix drv paths as ids every changed derivation is new),
 * or its <b>inputs changed</b> (the set of its input ids differs), or an attribute that defines the
 * build changed: {@code version} or {@code system}. Attributes that describe a build rather than
 * define it ({@code buildSeconds}, {@code lastStatus}, {@code channels}, {@code aliases}, {@code
 * sizeBytes}, {@code unchangedProbability}, and {@code name}, an attribute path) do not count.
 * Nodes only in the before-graph are counted as removed; they cannot rebuild.
 *
 * <p>{@code O(V log d + E)} for input lists of length {@code d}. Stateless.
 *
 * @param added after-graph nodes whose id is new, ascending
 * @param changed after-graph nodes present before whose inputs or build-defining attributes
 *     changed, ascending
 * @param removed number of before-graph ids absent after
 */
public record SnapshotDiff(int[] added, int[] changed, int removed) {

  public SnapshotDiff {
    added = added.clone();
    changed = changed.clone();
  }

  /** Compares two snapshots. */
  public static SnapshotDiff of(PackageGraph before, PackageGraph after) {
    List<Integer> added = new ArrayList<>();
    List<Integer> changed = new ArrayList<>();
    int present = 0;
    for (int v = 0; v < after.nodeCount(); v++) {
      int u = before.indexOfId(after.id(v));
      if (u < 0) {
        added.add(v);
        continue;
      }
      present++;
      if (!after.version(v).equals(before.version(u))
          || !after.system(v).equals(before.system(u))
          || !Arrays.equals(inputIds(after, v), inputIds(before, u))) {
        changed.add(v);
      }
    }
    return new SnapshotDiff(
        added.stream().mapToInt(Integer::intValue).toArray(),
        changed.stream().mapToInt(Integer::intValue).toArray(),
        before.nodeCount() - present);
  }

  private static String[] inputIds(PackageGraph g, int v) {
    String[] ids = new String[g.inputCount(v)];
    for (int p = g.inputsStart(v), i = 0; p < g.inputsEnd(v); p++, i++) {
      ids[i] = g.id(g.input(p));
    }
    Arrays.sort(ids);
    return ids;
  }

  /** The seeds: added and changed nodes together, ascending. */
  public int[] seeds() {
    int[] all = Arrays.copyOf(added, added.length + changed.length);
    System.arraycopy(changed, 0, all, added.length, changed.length);
    Arrays.sort(all);
    return all;
  }

  @Override
  public int[] added() {
    return added.clone();
  }

  @Override
  public int[] changed() {
    return changed.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SnapshotDiff d
        && Arrays.equals(added, d.added)
        && Arrays.equals(changed, d.changed)
        && removed == d.removed;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(added) * 31 + Arrays.hashCode(changed) + removed;
  }

  @Override
  public String toString() {
    return "SnapshotDiff[added="
        + Arrays.toString(added)
        + ", changed="
        + Arrays.toString(changed)
        + ", removed="
        + removed
        + "]";
  }
}
