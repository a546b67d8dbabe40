package dev.preflight.graph;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import org.jgrapht.GraphType;
import org.jgrapht.graph.AbstractGraph;
import org.jgrapht.graph.DefaultGraphType;

/**
 * A read-only JGraphT {@link org.jgrapht.Graph} view of a {@link DependencyGraph}, without copying
 * it into objects: vertices are the node indexes, edges are the positions in the input (forward)
 * CSR, so edge {@code e} goes from the node whose range holds {@code e} to {@code input(e)}.
 *
 * <p>Use it to run JGraphT algorithms and as a test oracle. Mutating methods throw {@link
 * UnsupportedOperationException}. Lookups of an edge's source and of incoming edges use binary
 * search ({@code O(log V)} and {@code O(log deg)}). Thread-safe for reading.
 */
public final class JGraphTView extends AbstractGraph<Integer, Integer> {
  private final DependencyGraph g;

  private JGraphTView(DependencyGraph g) {
    this.g = g;
  }

  /** A view of {@code graph}; edges point from a dependent to its input. */
  public static org.jgrapht.Graph<Integer, Integer> of(DependencyGraph graph) {
    return new JGraphTView(graph);
  }

  private int sourceOf(int e) {
    int lo = 0;
    int hi = g.nodeCount() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (g.inputsStart(mid) <= e) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    // Skip nodes with empty ranges that start at the same position.
    while (g.inputsEnd(lo) <= e) {
      lo++;
    }
    return lo;
  }

  private int edgeBetween(int source, int target) {
    int lo = g.inputsStart(source);
    int hi = g.inputsEnd(source) - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int t = g.input(mid);
      if (t == target) {
        return mid;
      } else if (t < target) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  private boolean isVertex(Object v) {
    return v instanceof Integer i && i >= 0 && i < g.nodeCount();
  }

  private boolean isEdge(Object e) {
    return e instanceof Integer i && i >= 0 && i < g.edgeCount();
  }

  private int vertex(Integer v) {
    if (!isVertex(v)) {
      throw new IllegalArgumentException("no such vertex: " + v);
    }
    return v;
  }

  @Override
  public Set<Integer> getAllEdges(Integer u, Integer v) {
    if (!isVertex(u) || !isVertex(v)) {
      return null;
    }
    int e = edgeBetween(u, v);
    return e < 0 ? Collections.emptySet() : Set.of(e);
  }

  @Override
  public Integer getEdge(Integer u, Integer v) {
    if (!isVertex(u) || !isVertex(v)) {
      return null;
    }
    int e = edgeBetween(u, v);
    return e < 0 ? null : e;
  }

  @Override
  public Supplier<Integer> getVertexSupplier() {
    return null;
  }

  @Override
  public Supplier<Integer> getEdgeSupplier() {
    return null;
  }

  @Override
  public Integer addEdge(Integer u, Integer v) {
    throw new UnsupportedOperationException("read-only view");
  }

  @Override
  public boolean addEdge(Integer u, Integer v, Integer e) {
    throw new UnsupportedOperationException("read-only view");
  }

  @Override
  public Integer addVertex() {
    throw new UnsupportedOperationException("read-only view");
  }

  @Override
  public boolean addVertex(Integer v) {
    throw new UnsupportedOperationException("read-only view");
  }

  @Override
  public boolean containsEdge(Integer e) {
    return isEdge(e);
  }

  @Override
  public boolean containsVertex(Integer v) {
    return isVertex(v);
  }

  @Override
  public Set<Integer> edgeSet() {
    return new IntRange(0, g.edgeCount());
  }

  @Override
  public int degreeOf(Integer v) {
    return inDegreeOf(v) + outDegreeOf(v);
  }

  @Override
  public Set<Integer> edgesOf(Integer v) {
    Set<Integer> all = new java.util.LinkedHashSet<>(outgoingEdgesOf(v));
    all.addAll(incomingEdgesOf(v));
    return Collections.unmodifiableSet(all);
  }

  @Override
  public int inDegreeOf(Integer v) {
    return g.dependentCount(vertex(v));
  }

  @Override
  public Set<Integer> incomingEdgesOf(Integer v) {
    int t = vertex(v);
    int from = g.dependentsStart(t);
    int to = g.dependentsEnd(t);
    Integer[] edges = new Integer[to - from];
    for (int p = from; p < to; p++) {
      edges[p - from] = edgeBetween(g.dependent(p), t);
    }
    return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(Arrays.asList(edges)));
  }

  @Override
  public int outDegreeOf(Integer v) {
    return g.inputCount(vertex(v));
  }

  @Override
  public Set<Integer> outgoingEdgesOf(Integer v) {
    int s = vertex(v);
    return new IntRange(g.inputsStart(s), g.inputsEnd(s));
  }

  @Override
  public Integer removeEdge(Integer u, Integer v) {
    throw new UnsupportedOperationException("read-only view");
  }

  @Override
  public boolean removeEdge(Integer e) {
    throw new UnsupportedOperationException("read-only view");
  }

  @Override
  public boolean removeVertex(Integer v) {
    throw new UnsupportedOperationException("read-only view");
  }

  @Override
  public Set<Integer> vertexSet() {
    return new IntRange(0, g.nodeCount());
  }

  @Override
  public Integer getEdgeSource(Integer e) {
    if (!isEdge(e)) {
      throw new IllegalArgumentException("no such edge: " + e);
    }
    return sourceOf(e);
  }

  @Override
  public Integer getEdgeTarget(Integer e) {
    if (!isEdge(e)) {
      throw new IllegalArgumentException("no such edge: " + e);
    }
    return g.input(e);
  }

  @Override
  public GraphType getType() {
    return new DefaultGraphType.Builder()
        .directed()
        .weighted(false)
        .allowMultipleEdges(false)
        .allowSelfLoops(false)
        .modifiable(false)
        .build();
  }

  @Override
  public double getEdgeWeight(Integer e) {
    return 1.0;
  }

  @Override
  public void setEdgeWeight(Integer e, double weight) {
    throw new UnsupportedOperationException("read-only view");
  }

  /** The integers {@code [from, to)} as an unmodifiable set. */
  private static final class IntRange extends AbstractSet<Integer> {
    private final int from;
    private final int to;

    IntRange(int from, int to) {
      this.from = from;
      this.to = to;
    }

    @Override
    public boolean contains(Object o) {
      return o instanceof Integer i && i >= from && i < to;
    }

    @Override
    public Iterator<Integer> iterator() {
      return new Iterator<>() {
        private int next = from;

        @Override
        public boolean hasNext() {
          return next < to;
        }

        @Override
        public Integer next() {
          if (next >= to) {
            throw new NoSuchElementException();
          }
          return next++;
        }
      };
    }

    @Override
    public int size() {
      return to - from;
    }
  }
}
