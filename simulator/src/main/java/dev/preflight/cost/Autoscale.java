package dev.preflight.cost;

/**
 * A queue-based autoscaling rule for one pool, as hydra-provisioner applies it to Hydra's queue
 * status: every evaluation the pool wants {@code min(max, max(min, ceil(runnable /
 * runnablePerMachine)))} machines, where {@code runnable} counts the queued (runnable, not running)
 * builds the pool can take. Missing machines are started (and take work after the pool's boot
 * delay); surplus machines are stopped once they have been idle for {@code scaleDownIdleSeconds}.
 * hydra.nixos.org's deployments use {@code runnablePerMachine = 2000}.
 *
 * @param min machines kept running, {@code >= 0}
 * @param max machines at most, {@code >= max(min, 1)}
 * @param runnablePerMachine queued builds per wanted machine, {@code >= 1}
 * @param scaleDownIdleSeconds idle time before a surplus machine stops, {@code >= 0}
 */
public record Autoscale(int min, int max, int runnablePerMachine, double scaleDownIdleSeconds) {
  public Autoscale {
    if (min < 0) {
      throw new IllegalArgumentException("autoscale min must be >= 0");
    }
    if (max < Math.max(1, min)) {
      throw new IllegalArgumentException("autoscale max must be >= max(min, 1)");
    }
    if (max > Cluster.MAX_MACHINES) {
      throw new IllegalArgumentException(
          String.format(
              "autoscale max must be at most %,d (machines per cluster), got %d",
              Cluster.MAX_MACHINES, max));
    }
    if (runnablePerMachine < 1) {
      throw new IllegalArgumentException("autoscale runnablePerMachine must be >= 1");
    }
    if (!(scaleDownIdleSeconds >= 0) || !Double.isFinite(scaleDownIdleSeconds)) {
      throw new IllegalArgumentException("autoscale scaleDownIdleSeconds must be >= 0");
    }
  }

  /** Machines wanted for {@code runnable} queued builds. */
  public int target(long runnable) {
    long wanted = (runnable + runnablePerMachine - 1) / runnablePerMachine;
    return (int) Math.min(max, Math.max(min, wanted));
  }

  /** The rule for a cluster {@code factor} times as large. */
  Autoscale scaled(int factor) {
    return new Autoscale(
        Math.multiplyExact(min, factor),
        Math.multiplyExact(max, factor),
        runnablePerMachine,
        scaleDownIdleSeconds);
  }
}
