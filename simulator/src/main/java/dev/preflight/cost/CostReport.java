package dev.preflight.cost;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every answer of {@code preflight cost}, computed once by {@link CostAnalysis}; renderers only
 * format it. Times are seconds, money is in the cluster's currency.
 *
 * @param scheduler the dispatch policy's name
 * @param order the {@link BuildOrder}'s name: which builds waited for which
 * @param defaultOrder whether that order is the graph's default for the policy (not asked for)
 * @param cluster the cluster's name
 * @param builds nodes that rebuild (one job each)
 * @param cycles cycles among the rebuilds (their members built in parallel)
 * @param cycleMembers rebuilt nodes on those cycles
 * @param slots build slots of the cluster at most
 * @param makespanSeconds time until the last build finished, with expected durations
 * @param cpuHours build hours spent, each build's duration divided by its machine's speed factor
 * @param cost money for the machine time, billed per pool, in {@code currency}
 * @param currency the ISO 4217 code of every amount of money in this report
 * @param currencyAssumed whether the cluster file set prices without naming a currency ({@code
 *     currency} is then the settings' default)
 * @param peakMachines the most machines running at one time over all pools
 * @param pools per pool: machines running (mean, peak, at most), machine-hours and money
 * @param lowerBoundSeconds {@code max(criticalPathSeconds, work / capacity)}
 * @param criticalPathSeconds the longest duration-weighted chain of builds in the order's DAG, each
 *     build at the speed of the fastest pool that may run it (so never above the makespan)
 * @param criticalPath that chain's builds, first to last, with those seconds
 * @param makespanOverLowerBound makespan divided by the lower bound (1 = optimal)
 * @param channels per graph channel, when its last rebuilt build finished (0: none rebuilds)
 * @param blockedChannels channels with a failed or dependency-failed build (failures only)
 * @param utilization per time bin, the fraction of running slots that were busy
 * @param queue per time bin, the average number of runnable builds waiting for a slot
 * @param outcomes builds built, failed and dependency-failed
 * @param durationSources per {@link DurationSource} label, how many rebuilt nodes' durations come
 *     from it
 * @param placement how builds were placed by system feature, and by which rule
 * @param curve with sizes: makespan and cost per cluster size, else empty
 * @param knee with sizes: the knee of the curve, else null
 * @param samples with samples: percentiles over the Monte Carlo runs, else null
 */
public record CostReport(
    String scheduler,
    String order,
    boolean defaultOrder,
    String cluster,
    int builds,
    int cycles,
    int cycleMembers,
    long slots,
    double makespanSeconds,
    double cpuHours,
    double cost,
    String currency,
    boolean currencyAssumed,
    int peakMachines,
    List<PoolCost> pools,
    double lowerBoundSeconds,
    double criticalPathSeconds,
    List<PathStep> criticalPath,
    double makespanOverLowerBound,
    Map<String, Double> channels,
    List<String> blockedChannels,
    List<SeriesPoint> utilization,
    List<SeriesPoint> queue,
    Outcomes outcomes,
    Map<String, Integer> durationSources,
    Placement placement,
    List<CurvePoint> curve,
    Integer knee,
    Samples samples) {

  public CostReport {
    pools = List.copyOf(pools);
    criticalPath = List.copyOf(criticalPath);
    channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    blockedChannels = List.copyOf(blockedChannels);
    utilization = List.copyOf(utilization);
    queue = List.copyOf(queue);
    durationSources = Collections.unmodifiableMap(new LinkedHashMap<>(durationSources));
    curve = List.copyOf(curve);
    Objects.requireNonNull(placement, "placement");
    if (makespanSeconds < 0 || cpuHours < 0 || cost < 0 || lowerBoundSeconds < 0) {
      throw new IllegalArgumentException("negative totals");
    }
  }

  /**
   * Machines, machine time and money of one pool. A machine counts as running from its start (boot
   * included) to its stop or the end of the rebuild: the time it is billed for.
   *
   * @param name the pool
   * @param maxMachines machines it may run at most (autoscaling: its {@code max})
   * @param peakMachines the most machines it ran at one time
   * @param meanMachines machines running on average over the makespan ({@code machineHours /
   *     makespan})
   * @param machineHours hours its machines ran (boot included), before billing rounds
   * @param cost billed money
   */
  public record PoolCost(
      String name,
      int maxMachines,
      int peakMachines,
      double meanMachines,
      double machineHours,
      double cost) {
    public PoolCost {
      if (peakMachines > maxMachines || meanMachines > peakMachines + 1e-9) {
        throw new IllegalArgumentException(
            "pool " + name + ": mean <= peak <= maximum machines does not hold");
      }
    }
  }

  /**
   * One build on the critical path.
   *
   * @param name the node's name
   * @param id the node's id
   * @param seconds its expected seconds on the fastest pool that may run it
   */
  public record PathStep(String name, String id, double seconds) {}

  /**
   * One point of a series.
   *
   * @param seconds start of the time bin
   * @param value the bin's value
   */
  public record SeriesPoint(double seconds, double value) {}

  /**
   * Build outcomes, counted in builds (nodes).
   *
   * @param built built successfully
   * @param failed failed themselves
   * @param dependencyFailed skipped because an input failed (Hydra status 2)
   */
  public record Outcomes(int built, int failed, int dependencyFailed) {}

  /**
   * One cluster size of the cost curve.
   *
   * @param size the scale factor applied to every pool's machine counts
   * @param machines machines at most at this size (autoscaling pools at their {@code max})
   * @param peakMachines the most machines running at one time in the run at this size
   * @param meanMachines machines running on average over that run's makespan
   * @param slots slots at most at this size
   * @param makespanSeconds makespan with expected durations
   * @param cost money
   * @param cpuHours build hours
   * @param samples with samples: percentiles over the same Monte Carlo draws (the report's seeds)
   *     run at this size, the p50 to p90 band of the curve; else null
   */
  public record CurvePoint(
      int size,
      long machines,
      int peakMachines,
      double meanMachines,
      long slots,
      double makespanSeconds,
      double cost,
      double cpuHours,
      Samples samples) {
    /** A point without samples. */
    public CurvePoint(
        int size,
        long machines,
        int peakMachines,
        double meanMachines,
        long slots,
        double makespanSeconds,
        double cost,
        double cpuHours) {
      this(
          size, machines, peakMachines, meanMachines, slots, makespanSeconds, cost, cpuHours, null);
    }
  }

  /**
   * Percentiles over Monte Carlo runs with drawn durations (nearest-rank), and every run's makespan
   * so a deadline can be checked against the distribution ({@link #within}).
   *
   * @param count runs
   * @param seed the seed the draws came from
   * @param makespanP50 median makespan
   * @param makespanP90 90th-percentile makespan
   * @param costP50 median cost
   * @param costP90 90th-percentile cost
   * @param makespans every run's makespan in seconds, ascending ({@code count} of them)
   */
  public record Samples(
      int count,
      long seed,
      double makespanP50,
      double makespanP90,
      double costP50,
      double costP90,
      double[] makespans) {
    public Samples {
      makespans = makespans.clone();
      Arrays.sort(makespans);
      if (makespans.length != count) {
        throw new IllegalArgumentException(makespans.length + " makespans for " + count + " runs");
      }
    }

    /** Every run's makespan in seconds, ascending (a copy). */
    @Override
    public double[] makespans() {
      return makespans.clone();
    }

    /** How many runs finished within {@code seconds} (makespan {@code <= seconds}). */
    public int within(double seconds) {
      int lo = 0;
      int hi = makespans.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (makespans[mid] <= seconds) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    /** The share of runs that finished within {@code seconds}, in [0, 1]; 0 with no runs. */
    public double shareWithin(double seconds) {
      return count == 0 ? 0 : (double) within(seconds) / count;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Samples x
          && count == x.count
          && seed == x.seed
          && Double.compare(makespanP50, x.makespanP50) == 0
          && Double.compare(makespanP90, x.makespanP90) == 0
          && Double.compare(costP50, x.costP50) == 0
          && Double.compare(costP90, x.costP90) == 0
          && Arrays.equals(makespans, x.makespans);
    }

    @Override
    public int hashCode() {
      return Objects.hash(count, seed, makespanP50, makespanP90, costP50, costP90)
          + 31 * Arrays.hashCode(makespans);
    }

    @Override
    public String toString() {
      return "Samples[count="
          + count
          + ", seed="
          + seed
          + ", makespanP50="
          + makespanP50
          + ", makespanP90="
          + makespanP90
          + ", costP50="
          + costP50
          + ", costP90="
          + costP90
          + "]";
    }
  }
}
