package dev.preflight.batch;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.scc.Components;
import dev.preflight.impact.Policy;
import dev.preflight.impact.ReverseClosure;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The slice task of {@code preflight batch --profile}: the transitive rebuild count of every
 * strongly connected component in one share of a graph's components, each by one query of {@link
 * ReverseClosure} (the engine of {@code preflight impact}) from one member. All members of a
 * component reach each other, so they share the count and one query per component suffices.
 *
 * <p>Shares interleave (share {@code i} of {@code k} takes components {@code i, i + k, i + 2k,
 * ...}): components are numbered inputs first, so the expensive core components spread over all
 * shares instead of piling up in the first.
 *
 * <p>Complexity of a share: {@code O(sum over its components c of (k_c + e_c + V/64))} for rebuild
 * sets of {@code k_c} nodes and {@code e_c} dependents entries; one engine (two {@code int[V]}
 * scratch arrays) per slice.
 */
final class ProfileTask implements SliceTask<ProfileTask.Share, ProfileTask.Counts> {
  private static final long serialVersionUID = 1L;

  /**
   * One share of one graph's components.
   *
   * @param graph the graph label
   * @param index which share, {@code 0 <= index < of}
   * @param of how many shares the graph is cut into
   */
  record Share(String graph, int index, int of) implements Serializable {
    Share {
      if (of < 1 || index < 0 || index >= of) {
        throw new IllegalArgumentException("share " + index + " of " + of);
      }
    }
  }

  /**
   * The counts of one share.
   *
   * @param graph the graph label
   * @param components component indexes, ascending
   * @param counts the transitive rebuild count of each
   */
  record Counts(String graph, int[] components, int[] counts) implements Serializable {
    @Override
    public boolean equals(Object o) {
      return o instanceof Counts c
          && c.graph.equals(graph)
          && Arrays.equals(c.components, components)
          && Arrays.equals(c.counts, counts);
    }

    @Override
    public int hashCode() {
      return graph.hashCode() * 31 + Arrays.hashCode(components);
    }

    @Override
    public String toString() {
      return "Counts[" + graph + ", " + components.length + " components]";
    }
  }

  @Override
  public List<Counts> run(List<Share> slice, GraphSource graphs) {
    List<Counts> out = new ArrayList<>(slice.size());
    for (Share share : slice) {
      PackageGraph g = graphs.graph(share.graph());
      Components comps = g.components();
      ReverseClosure closure = new ReverseClosure(g);
      int c = comps.count();
      int k = c <= share.index() ? 0 : (c - share.index() + share.of() - 1) / share.of();
      int[] ids = new int[k];
      int[] counts = new int[k];
      int[] seed = new int[1];
      for (int i = 0; i < k; i++) {
        int comp = share.index() + i * share.of();
        seed[0] = comps.member(comps.membersStart(comp));
        ids[i] = comp;
        counts[i] = closure.closure(seed, Policy.TRANSITIVE).size();
      }
      out.add(new Counts(share.graph(), ids, counts));
    }
    return out;
  }
}
