package dev.preflight.cost;

import dev.preflight.settings.CostSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A build cluster: named pools of machines. Read from a file by {@link ClusterFormat}, or made by
 * {@link #shorthand} for {@code --builders N --slots S}.
 *
 * @param name label in reports
 * @param pools the pools, in the order reports list them; names distinct
 */
public record Cluster(String name, List<Pool> pools) {
  public Cluster {
    Objects.requireNonNull(name, "name");
    pools = List.copyOf(pools);
    if (pools.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs at least one pool");
    }
    Set<String> names = new HashSet<>();
    for (Pool p : pools) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("two pools are named '" + p.name() + "'");
      }
    }
    if (pools.stream().allMatch(p -> p.maxMachines() == 0)) {
      throw new IllegalArgumentException("the cluster has no machines");
    }
  }

  /**
   * One pool of {@code builders} machines with {@code slots} slots each that builds every system
   * and offers every feature, priced and billed by the settings' defaults.
   */
  public static Cluster shorthand(int builders, int slots, CostSettings s) {
    // Bad input, not a bug: the numbers come straight from --builders/--slots (plan passed them
    // unchecked, and a zero ended as "internal error", exit 3).
    if (builders < 1 || slots < 1) {
      throw dev.preflight.graph.InputException.of(
          "--builders and --slots must be >= 1, got " + builders + " and " + slots);
    }
    Pool p =
        new Pool(
            "builders",
            builders,
            List.of(Pool.ANY),
            slots,
            1.0,
            List.of(Pool.ANY),
            List.of(),
            s.pricePerHour(),
            0,
            defaultBilling(s),
            null);
    return new Cluster(builders + "x" + slots, List.of(p));
  }

  /** The billing the settings give to clusters that do not say. */
  public static Billing defaultBilling(CostSettings s) {
    return new Billing(s.billingUnitSeconds(), s.billingMinimumSeconds());
  }

  /** This cluster with every pool {@code factor} times as large. */
  public Cluster scaled(int factor) {
    List<Pool> out = new ArrayList<>(pools.size());
    for (Pool p : pools) {
      out.add(p.scaled(factor));
    }
    return new Cluster(name, out);
  }

  /** Machines at most, over all pools. */
  public long maxMachines() {
    long m = 0;
    for (Pool p : pools) {
      m += p.maxMachines();
    }
    return m;
  }

  /** Build slots at most, over all pools. */
  public long maxSlots() {
    long m = 0;
    for (Pool p : pools) {
      m += (long) p.maxMachines() * p.maxJobs();
    }
    return m;
  }

  /** Whether some pool supports or mandates {@code feature} explicitly or through {@code *}. */
  public boolean offersFeature(String feature) {
    return pools.stream().anyMatch(p -> p.maxMachines() > 0 && p.offersFeature(feature));
  }
}
