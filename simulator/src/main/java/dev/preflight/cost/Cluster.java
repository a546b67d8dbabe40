package dev.preflight.cost;

import dev.preflight.settings.CostSettings;
import dev.preflight.settings.CurrencyCode;
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
 * @param currency the ISO 4217 code every pool's {@code pricePerHour} is in ({@link CurrencyCode})
 * @param currencyAssumed whether the cluster file set prices without naming their currency, so that
 *     {@code currency} is the settings' default (reports say so)
 */
public record Cluster(String name, List<Pool> pools, String currency, boolean currencyAssumed) {
  /**
   * Machines a simulated cluster may have at most, over all pools (autoscaling pools counted at
   * their {@code max}), scaled clusters of a cost curve included. The largest build farms run
   * hundreds to a few thousand machines; the limit keeps a typo such as {@code --builders
   * 2000000000} from ending in an out-of-memory error (the simulator holds a few arrays per
   * machine: 100,000 machines are about 10 MB).
   */
  public static final int MAX_MACHINES = 100_000;

  /** A cluster priced in {@link CurrencyCode#DEFAULT}. */
  public Cluster(String name, List<Pool> pools) {
    this(name, pools, CurrencyCode.DEFAULT, false);
  }

  public Cluster {
    Objects.requireNonNull(name, "name");
    CurrencyCode.check(currency);
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
    long machines = pools.stream().mapToLong(Pool::maxMachines).sum();
    if (machines > MAX_MACHINES) {
      throw new IllegalArgumentException(
          String.format(
              "the cluster has %,d machines, more than the limit of %,d per cluster",
              machines, MAX_MACHINES));
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
    if (builders > MAX_MACHINES) {
      throw dev.preflight.graph.InputException.of(
          String.format(
              "--builders must be at most %,d (machines per cluster), got %d",
              MAX_MACHINES, builders));
    }
    if (slots > Pool.MAX_JOBS) {
      throw dev.preflight.graph.InputException.of(
          String.format(
              "--slots must be at most %,d (build slots per machine), got %d",
              Pool.MAX_JOBS, slots));
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
    return new Cluster(builders + "x" + slots, List.of(p), s.currency(), false);
  }

  /** The billing the settings give to clusters that do not say. */
  public static Billing defaultBilling(CostSettings s) {
    return new Billing(s.billingUnitSeconds(), s.billingMinimumSeconds());
  }

  /**
   * The largest factor {@link #scaled} accepts: the one that keeps the scaled cluster within {@link
   * #MAX_MACHINES}.
   */
  public int maxScale() {
    return (int) Math.max(1, MAX_MACHINES / maxMachines());
  }

  /** This cluster with every pool {@code factor} times as large. */
  public Cluster scaled(int factor) {
    if (factor > maxScale()) {
      throw new IllegalArgumentException(
          String.format(
              "%,d machines x %,d is more than the limit of %,d machines per cluster",
              maxMachines(), factor, MAX_MACHINES));
    }
    List<Pool> out = new ArrayList<>(pools.size());
    for (Pool p : pools) {
      out.add(p.scaled(factor));
    }
    return new Cluster(name, out, currency, currencyAssumed);
  }

  /** This cluster with its pools replaced (same name and currency). */
  public Cluster withPools(List<Pool> replaced) {
    return new Cluster(name, replaced, currency, currencyAssumed);
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
