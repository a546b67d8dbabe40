/**
 * Strongly connected components of the package graph and its condensation: real build graphs have
 * cycles (Debian's toolchain bootstrap is one of ~4,900 sources), and every engine that orders or
 * aggregates work needs them found once, iteratively, and reported rather than hit.
 */
package dev.preflight.graph.scc;
