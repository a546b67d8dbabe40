package dev.preflight.cli;

import dev.preflight.cost.BuildOrder;
import dev.preflight.cost.Cluster;
import dev.preflight.cost.Scheduler;
import dev.preflight.report.question.ScheduleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * How a rebuild is simulated, shared by {@code cost} and {@code plan}: scheduler, build order,
 * channel-first's channels, the cost curve's sizes, Monte Carlo samples and their seed.
 */
final class ScheduleOptions {
  @Option(
      names = "--scheduler",
      completionCandidates = Completions.Schedulers.class,
      paramLabel = "NAME",
      description =
          "hydra, hydra-critical-path, hydra-legacy, fifo, critical-path or channel-first"
              + " (default: critical-path on a Debian graph, else from settings: hydra).")
  String scheduler;

  @Option(
      names = "--order",
      completionCandidates = Completions.BuildOrders.class,
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

  /** The options as the shared questions take them. */
  ScheduleSpec spec() {
    return new ScheduleSpec(scheduler, order, channels, sizes, samples, seed);
  }

  /** Fails on out-of-range options, before any file is read. */
  void check() {
    spec().check();
  }

  /** The scheduler asked for, or null for the graph's default. */
  Scheduler scheduler() {
    return spec().scheduler();
  }

  /** The build order asked for, or null for the graph's default. */
  BuildOrder order() {
    return spec().order();
  }

  Set<String> channels() {
    return spec().channelSet();
  }

  /**
   * The curve's sizes, ascending and distinct; each must keep the scaled cluster within {@link
   * Cluster#MAX_MACHINES}.
   */
  List<Integer> sizes(Cluster cluster) {
    return spec().sizes(cluster);
  }

  /** Whether sizes were named. */
  boolean hasSizes() {
    return !sizes.isEmpty();
  }

  long seed(long fallback) {
    return seed != null ? seed : fallback;
  }
}
