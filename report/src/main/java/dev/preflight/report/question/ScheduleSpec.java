package dev.preflight.report.question;

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

/**
 * How a rebuild is simulated ({@code cost}, {@code plan}): scheduler, build order, channel-first's
 * channels, the cost curve's sizes, Monte Carlo samples and their seed.
 *
 * @param schedulerName a scheduler name or null for the graph's default
 * @param orderName a build order name or null for the graph's default
 * @param channels channel-first's channels (empty: all)
 * @param sizes the cost curve's cluster multiples (empty: none)
 * @param samples Monte Carlo runs (0: none)
 * @param seed the seed of the draws, or null for the settings'
 */
public record ScheduleSpec(
    String schedulerName,
    String orderName,
    List<String> channels,
    List<Integer> sizes,
    int samples,
    Long seed) {
  public ScheduleSpec {
    channels = channels == null ? List.of() : List.copyOf(channels);
    sizes = sizes == null ? List.of() : List.copyOf(sizes);
  }

  /** Every default. */
  public static final ScheduleSpec DEFAULT = new ScheduleSpec(null, null, null, null, 0, null);

  /** Fails on out-of-range options, before any file is read. */
  public void check() {
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
  public Scheduler scheduler() {
    return schedulerName != null ? Scheduler.byName(schedulerName) : null;
  }

  /** The build order asked for, or null for the graph's default. */
  public BuildOrder order() {
    return orderName == null ? null : BuildOrder.byName(orderName);
  }

  public Set<String> channelSet() {
    return new LinkedHashSet<>(channels);
  }

  /**
   * The curve's sizes, ascending and distinct; each must keep the scaled cluster within {@link
   * Cluster#MAX_MACHINES}.
   */
  public List<Integer> sizes(Cluster cluster) {
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
  public boolean hasSizes() {
    return !sizes.isEmpty();
  }

  public long seed(long fallback) {
    return seed != null ? seed : fallback;
  }
}
