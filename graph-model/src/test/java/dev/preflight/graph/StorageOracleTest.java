package dev.preflight.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.preflight.graph.scc.Components;
import dev.preflight.graph.testing.ForwardCopy;
import dev.preflight.graph.testing.Graphs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.Test;

/**
 * The storage composed once ({@link PackageGraph} = {@link CsrGraph} + {@link NodeColumns}),
 * checked against JGraphT built from the forward edges alone ({@link ForwardCopy}): for graphs as
 * built, pinned, relation and union views, the reverse index is the transpose of the inputs, and
 * the strongly connected components and the condensation (itself a {@code CsrGraph} from the same
 * reverse-index builder) are JGraphT's {@link KosarajuStrongConnectivityInspector}'s.
 */
final class StorageOracleTest {

  @Test
  void randomGraphsAndTheirViews_matchJGraphT() {
    for (long seed = 1; seed <= 30; seed++) {
      PackageGraph g = withRelation(Graphs.random(150, 2.5, seed % 3 != 0, seed), seed);
      SplittableRandom r = new SplittableRandom(seed);
      List<PackageGraph> views =
          List.of(
              g,
              g.withPins(r.nextInt(150), r.nextInt(150), r.nextInt(150)),
              g.relationView("rel"),
              g.unionView("rel"),
              g.withPins(r.nextInt(150)).unionView("rel"));
      for (PackageGraph v : views) {
        assertTransposeOfInputs(v, "seed " + seed + " " + v);
        assertComponentsAreKosarajus(v, "seed " + seed + " " + v);
      }
    }
  }

  /** {@code g} with a relation "rel" of random edges over its nodes. */
  private static PackageGraph withRelation(PackageGraph g, long seed) {
    PackageGraphBuilder b = PackageGraph.builder();
    for (int v = 0; v < g.nodeCount(); v++) {
      b.addNode(g.record(v));
    }
    for (int v = 0; v < g.nodeCount(); v++) {
      for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
        b.addEdge(v, g.input(p));
      }
    }
    SplittableRandom r = new SplittableRandom(seed * 31);
    b.declareRelation("rel");
    for (int k = 0; k < g.nodeCount(); k++) {
      b.addRelationEdge("rel", r.nextInt(g.nodeCount()), r.nextInt(g.nodeCount()));
    }
    return b.build();
  }

  private static void assertTransposeOfInputs(DependencyGraph g, String what) {
    Graph<Integer, DefaultEdge> copy = ForwardCopy.of(g);
    int total = 0;
    for (int v = 0; v < g.nodeCount(); v++) {
      int[] expected =
          org.jgrapht.Graphs.predecessorListOf(copy, v).stream()
              .mapToInt(Integer::intValue)
              .sorted()
              .toArray();
      int[] actual = new int[g.dependentCount(v)];
      for (int p = g.dependentsStart(v); p < g.dependentsEnd(v); p++) {
        actual[p - g.dependentsStart(v)] = g.dependent(p);
      }
      assertArrayEquals(expected, actual, what + ": dependents of " + v);
      total += actual.length;
    }
    assertEquals(g.edgeCount(), total, what);
  }

  private static void assertComponentsAreKosarajus(PackageGraph g, String what) {
    Graph<Integer, DefaultEdge> copy = ForwardCopy.of(g);
    List<Set<Integer>> sets =
        new KosarajuStrongConnectivityInspector<>(copy).stronglyConnectedSets();
    Components c = g.components();
    assertEquals(sets.size(), c.count(), what);
    Map<Integer, Integer> oracleComponent = new HashMap<>();
    for (int i = 0; i < sets.size(); i++) {
      for (int v : sets.get(i)) {
        oracleComponent.put(v, i);
      }
    }
    // Same partition: two nodes share a component here exactly when they do in JGraphT's.
    for (Set<Integer> set : sets) {
      int first = set.iterator().next();
      for (int v : set) {
        assertEquals(c.componentOf(first), c.componentOf(v), what);
      }
      assertEquals(set.size(), c.size(c.componentOf(first)), what);
    }
    // The condensation: an edge between two components exactly where a member's edge crosses.
    TreeSet<Long> expected = new TreeSet<>();
    for (DefaultEdge e : copy.edgeSet()) {
      int a = c.componentOf(copy.getEdgeSource(e));
      int b = c.componentOf(copy.getEdgeTarget(e));
      if (a != b) {
        expected.add(((long) a << 32) | b);
      }
    }
    List<Long> actual = new ArrayList<>();
    for (int a = 0; a < c.count(); a++) {
      for (int p = c.inputsStart(a); p < c.inputsEnd(a); p++) {
        actual.add(((long) a << 32) | c.input(p));
      }
    }
    assertEquals(new ArrayList<>(expected), actual, what + ": condensation edges");
    assertTransposeOfInputs(c.condensation(), what + ": condensation");
  }
}
