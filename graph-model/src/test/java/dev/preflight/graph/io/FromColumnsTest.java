package dev.preflight.graph.io;

import static dev.preflight.graph.testing.GraphAssertions.assertSameGraph;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeColumns;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.testing.Graphs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The native readers' fast path, {@link PackageGraphBuilder#fromColumns}, against the builder. */
final class FromColumnsTest {

  /** A native reader's findings: the forward rows and the node columns. */
  record Columns(int[] inputOffsets, int[] inputTargets, NodeColumns n) {
    PackageGraph build(String source) {
      return PackageGraphBuilder.fromColumns(inputOffsets, inputTargets, n, source);
    }
  }

  /** The columns of an existing graph, as a native reader would find them on disk. */
  static Columns columnsOf(PackageGraph g) {
    int n = g.nodeCount();
    int[] offsets = new int[n + 1];
    int[] targets = new int[g.edgeCount()];
    String[] ids = new String[n];
    String[] names = new String[n];
    String[] versions = new String[n];
    short[] systemOf = new short[n];
    double[] seconds = new double[n];
    byte[] status = new byte[n];
    long[] sizes = new long[n];
    float[] unchanged = new float[n];
    int[] channelOffsets = new int[n + 1];
    List<Short> channelValues = new ArrayList<>();
    int[] aliasOffsets = new int[n + 1];
    List<String> aliasValues = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
        targets[p] = g.input(p);
      }
      offsets[v + 1] = g.inputsEnd(v);
      ids[v] = g.id(v);
      names[v] = g.name(v);
      versions[v] = g.version(v);
      systemOf[v] = (short) g.systemIndex(v);
      seconds[v] = g.buildSeconds(v);
      status[v] = (byte) g.lastStatus(v).ordinal();
      sizes[v] = g.sizeBytes(v);
      unchanged[v] = (float) g.unchangedProbability(v);
      for (String c : g.channels(v)) {
        channelValues.add((short) g.channelNames().indexOf(c));
      }
      channelOffsets[v + 1] = channelValues.size();
      aliasValues.addAll(g.aliases(v));
      aliasOffsets[v + 1] = aliasValues.size();
    }
    short[] cv = new short[channelValues.size()];
    for (int i = 0; i < cv.length; i++) {
      cv[i] = channelValues.get(i);
    }
    return new Columns(
        offsets,
        targets,
        new NodeColumns(
            ids,
            names,
            versions,
            g.systems().toArray(new String[0]),
            systemOf,
            seconds,
            status,
            sizes,
            unchanged,
            g.channelNames().toArray(new String[0]),
            channelOffsets,
            cv,
            aliasOffsets,
            aliasValues.toArray(new String[0]),
            g.metadata(),
            null));
  }

  @Test
  void fromColumns_ofBuiltGraphs_isTheSameGraphWithTheSameReverseIndex() {
    List<PackageGraph> graphs = new ArrayList<>(List.of(SampleGraphs.rich(), Graphs.graph("")));
    for (long seed = 1; seed <= 20; seed++) {
      graphs.add(Graphs.random(200, 3, seed % 2 == 0, seed));
    }
    for (PackageGraph g : graphs) {
      PackageGraph h = columnsOf(g).build("g");
      assertSameGraph(g, h);
      for (int v = 0; v < g.nodeCount(); v++) {
        assertArrayEquals(g.dependentsOf(v), h.dependentsOf(v));
        assertEquals(v, h.indexOfId(g.id(v)));
      }
      assertEquals(g.components().count(), h.components().count());
    }
  }

  @Test
  void fromColumns_brokenColumns_areRejectedNamingFileAndNode() {
    PackageGraph g = Graphs.graph("a->b->c, a->c, d@aarch64-linux");
    assertRejected(g, c -> set(c.inputOffsets(), 2, 1), "f:node #2: inputs offsets decrease");
    assertRejected(
        g, c -> set(c.inputTargets(), 0, 2), "f:node #1: inputs of node 'a' are not sorted");
    assertRejected(
        g, c -> set(c.inputTargets(), 0, 0), "f:node #1: node 'a' lists itself as an input");
    assertRejected(
        g, c -> set(c.inputTargets(), 2, 9), "f:node #2: node 'b' has input #9, outside 0..3");
    assertRejected(
        g, c -> set(c.n().ids(), 3, "a"), "f:node #4: duplicate node id 'a' (first at node #1)");
    assertRejected(g, c -> set(c.n().names(), 1, ""), "f:node #2: node 'b' has an empty name");
    assertRejected(
        g, c -> set(c.n().systemTable(), 0, "z"), "f: system table is not sorted and distinct");
    assertRejected(
        g, c -> set(c.n().systemOf(), 3, (short) 1), "f: system 'aarch64-linux' is listed but no");
    assertRejected(g, c -> set(c.n().status(), 0, (byte) 7), "f:node #1: node 'a' has status #7");
    assertRejected(
        g, c -> set(c.n().buildSeconds(), 2, -1), "f:node #3: node 'c': buildSeconds must be >= 0");
    assertRejected(
        g, c -> set(c.n().unchangedProbability(), 2, 2f), "f:node #3: node 'c': unchangedProb");
    assertRejected(g, c -> set(c.n().sizeBytes(), 1, -5), "f:node #2: node 'b': sizeBytes must be");
  }

  @Test
  void columns_wrongLengths_areRejected() {
    NodeColumns c = columnsOf(Graphs.graph("a->b")).n();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new NodeColumns(
                    c.ids(),
                    new String[1],
                    c.versions(),
                    c.systemTable(),
                    c.systemOf(),
                    c.buildSeconds(),
                    c.status(),
                    c.sizeBytes(),
                    c.unchangedProbability(),
                    c.channelTable(),
                    c.channelOffsets(),
                    c.channelValues(),
                    c.aliasOffsets(),
                    c.aliasValues(),
                    c.metadata(),
                    null));
    assertEquals("names has length 1, expected 2", e.getMessage());
  }

  private static void assertRejected(PackageGraph g, Consumer<Columns> breakIt, String start) {
    Columns c = columnsOf(g);
    breakIt.accept(c);
    InputException e = assertThrows(InputException.class, () -> c.build("f"));
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }

  private static void set(int[] a, int i, int value) {
    a[i] = value;
  }

  private static void set(Object[] a, int i, Object value) {
    a[i] = value;
  }

  private static void set(short[] a, int i, short value) {
    a[i] = value;
  }

  private static void set(byte[] a, int i, byte value) {
    a[i] = value;
  }

  private static void set(double[] a, int i, double value) {
    a[i] = value;
  }

  private static void set(float[] a, int i, float value) {
    a[i] = value;
  }

  private static void set(long[] a, int i, long value) {
    a[i] = value;
  }
}
