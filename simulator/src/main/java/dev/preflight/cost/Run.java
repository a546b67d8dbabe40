package dev.preflight.cost;

/**
 * The raw outcome of one simulation run. Arrays are indexed by job (or pool) and owned by this
 * value: callers must not modify them.
 *
 * @param makespanSeconds time at which the last job finished (or failed)
 * @param cpuSeconds slot-seconds spent building, each build's duration divided by the speed factor
 *     of the machine it ran on (failed builds for the part they ran)
 * @param cost money over all pools
 * @param costByPool money per pool, in the cluster's pool order
 * @param machineSecondsByPool machine running time per pool (boot included), before billing rounds
 * @param peakMachinesByPool per pool, the most machines running (booting or up) at one time
 * @param peakMachines the most machines running at one time over all pools (at most the sum of the
 *     pools' peaks, which need not coincide)
 * @param built jobs built successfully
 * @param failed jobs that failed themselves
 * @param dependencyFailed jobs not built because an input failed (Hydra status 2)
 * @param start per job, the time it started ({@code NaN} if never)
 * @param finish per job, the time it finished ({@code NaN} if never)
 * @param outcome per job, {@link #BUILT}, {@link #FAILED} or {@link #DEPENDENCY_FAILED}
 * @param machine per job, the machine it ran on ({@code -1} if never); machines are numbered pool
 *     by pool in the cluster's order, {@link Pool#maxMachines} of each
 * @param series utilization and queue series, or null when not recorded
 */
public record Run(
    double makespanSeconds,
    double cpuSeconds,
    double cost,
    double[] costByPool,
    double[] machineSecondsByPool,
    int[] peakMachinesByPool,
    int peakMachines,
    int built,
    int failed,
    int dependencyFailed,
    double[] start,
    double[] finish,
    byte[] outcome,
    int[] machine,
    Series series) {

  public static final byte BUILT = 0;
  public static final byte FAILED = 1;
  public static final byte DEPENDENCY_FAILED = 2;

  public Run {
    if (!(makespanSeconds >= 0) || !(cpuSeconds >= 0) || !(cost >= 0)) {
      throw new IllegalArgumentException("negative or NaN totals");
    }
    if (built < 0 || failed < 0 || dependencyFailed < 0) {
      throw new IllegalArgumentException("negative counts");
    }
  }

  /**
   * Step series binned over {@code [0, makespan]} in equal bins, each value a time average over its
   * bin.
   *
   * @param binSeconds width of a bin
   * @param busySlots average busy slots
   * @param slots average slots on running machines
   * @param utilization busy slot-seconds over available slot-seconds (0 when none available)
   * @param queued average number of runnable builds waiting for a slot
   */
  public record Series(
      double binSeconds,
      double[] busySlots,
      double[] slots,
      double[] utilization,
      double[] queued) {
    public Series {
      int n = utilization.length;
      if (busySlots.length != n || slots.length != n || queued.length != n) {
        throw new IllegalArgumentException("series of different lengths");
      }
    }

    /** Number of bins. */
    public int size() {
      return utilization.length;
    }

    /** Start time of bin {@code i}. */
    public double time(int i) {
      return i * binSeconds;
    }
  }
}
