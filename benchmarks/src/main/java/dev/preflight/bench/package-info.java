/**
 * JMH benchmarks that check Preflight's speed targets (DESIGN.md §1): inputs are built in
 * {@code @Setup} with a fixed seed, never inside the measured method, and each class's Javadoc
 * gives the exact command that runs it.
 */
package dev.preflight.bench;
