/**
 * The immutable, int-indexed package graph that every Preflight engine reads: forward adjacency
 * (build inputs) and reverse adjacency (dependents) as CSR {@code int[]} arrays, node attributes
 * stored column-wise, a compact id and name index, and the strongly connected components computed
 * once on demand. Engines depend on the narrow {@link dev.preflight.graph.DependencyGraph} view,
 * not on this class, so that other graph representations can serve them later. A pinned view
 * ({@code PackageGraph.withPins}, the {@code --pin} bootstrap cut) is such a graph too: the same
 * nodes without the edges into the pinned ones, so every engine sees the cut without knowing of it.
 */
package dev.preflight.graph;
