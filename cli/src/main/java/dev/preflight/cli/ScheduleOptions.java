package dev.preflight.cli;

import dev.preflight.cost.BuildOrder;
import dev.preflight.cost.Cluster;
import dev.preflight.cost.CostAnalysis;
import dev.preflight.cost.Scheduler;
import dev.preflight.graph.InputException;
import dev.preflight.report.Fmt;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/**
 * How a rebuild is simulated, shared by {@code cost} and {@code plan}: scheduler, build order,
 * channel-first's channels, the cost curve's sizes, Monte Carlo samples and their seed.
 */
final class ScheduleOptions {
  @Option(
      names = "--scheduler",
      paramLabel = "NAME",
      description =
          "hydra, hydra-critical-path, hydra-legacy, fifo, critical-path or channel-first"
              + " (default: critical-path on a Debian graph, else from settings: hydra).")
  String scheduler;

  @Option(
      names = "--order",
      paramLabel = "ORDER",
      description =
          "Which builds wait for which: dependencies, levels or independent (default: independent"
              + " for a Debian round, else dependencies).")
  String order;

  @Option(
      names = "--channel",
      paramLabel = "NAME",
      split = ",",
      description = "channel-first: the channels to finish first (default: all).")
  List<String> channels = new ArrayList<>();

  @Option(
      names = "--sizes",
      paramLabel = "N,N,...",
      split = ",",
      description = "Cost curve: scale every pool's machine counts by each of these factors.")
  List<Integer> sizes = new ArrayList<>();

  @Option(
      names = "--samples",
      paramLabel = "K",
      defaultValue = "0",
      description = "Monte Carlo runs with log-normal duration draws (p50/p90), at most 100,000.")
  int samples;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of duration and failure draws (default from settings: 1).")
  Long seed;

  /** Fails on out-of-range options, before any file is read. */
  void check() {
    if (samples < 0 || samples > CostAnalysis.MAX_SAMPLES) {
      throw InputException.of(
          Fmt.format(
              "--samples must be between 0 and %,d, got %d", CostAnalysis.MAX_SAMPLES, samples));
    }
    for (int size : sizes) {
      if (size < 1) {
        throw InputException.of("--sizes must be whole numbers >= 1, got " + size);
      }
    }
    if (!channels.isEmpty() && scheduler() != Scheduler.CHANNEL_FIRST) {
      throw InputException.of("--channel only applies to --scheduler channel-first");
    }
  }

  /** The scheduler asked for, or null for the graph's default. */
  Scheduler scheduler() {
    return scheduler != null ? Scheduler.byName(scheduler) : null;
  }

  /** The build order asked for, or null for the graph's default. */
  BuildOrder order() {
    return order == null ? null : BuildOrder.byName(order);
  }

  Set<String> channels() {
    return new LinkedHashSet<>(channels);
  }

  /**
   * The curve's sizes, ascending and distinct; each must keep the scaled cluster within {@link
   * Cluster#MAX_MACHINES}.
   */
  List<Integer> sizes(Cluster cluster) {
    for (int size : sizes) {
      if (size > cluster.maxScale()) {
        throw InputException.of(
            Fmt.format(
                "--sizes must be at most %,d for this cluster of %,d machines (%,d machines per"
                    + " cluster at most), got %d",
                cluster.maxScale(), cluster.maxMachines(), Cluster.MAX_MACHINES, size));
      }
    }
    return new ArrayList<>(new TreeSet<>(sizes));
  }

  /** Whether sizes were named. */
  boolean hasSizes() {
    return !sizes.isEmpty();
  }

  long seed(long fallback) {
    return seed != null ? seed : fallback;
  }
}
