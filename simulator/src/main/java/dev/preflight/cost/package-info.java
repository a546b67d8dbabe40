/**
 * Cost of a rebuild on a build cluster (DESIGN.md §3): a duration model (observed history, graph
 * attribute, size proxy fitted to the published Debian rebuild shape, each a log-normal), a cluster
 * model (pools of builders from JSON, YAML or a Nix {@code machines} file, with autoscaling and
 * billing), and a discrete-event simulation that dispatches the rebuild set's jobs (one per
 * strongly connected component) with a pluggable {@link dev.preflight.cost.Scheduler}. {@link
 * dev.preflight.cost.CostAnalysis} computes every answer once into a {@link
 * dev.preflight.cost.CostReport}: makespan, CPU-hours, money, utilization and queue series, the
 * critical path and the lower bound, channel completion times, a cost curve over cluster sizes with
 * its knee, and Monte Carlo percentiles.
 */
package dev.preflight.cost;
