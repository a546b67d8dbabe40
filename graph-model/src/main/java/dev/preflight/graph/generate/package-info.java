/**
 * Synthetic nixpkgs-like package graphs for tests, benchmarks and demonstrations at any size up to
 * millions of nodes: {@link dev.preflight.graph.generate.NixpkgsGenerator} builds a documented
 * structural model (a stdenv bootstrap chain per kernel, core libraries and language ecosystems
 * grown by preferential attachment, applications as leaves, the same package set on every system)
 * with heavy-tailed build durations ({@link dev.preflight.graph.generate.SyntheticDurations}), last
 * build statuses and channel tags. Deterministic for a seed.
 */
package dev.preflight.graph.generate;
