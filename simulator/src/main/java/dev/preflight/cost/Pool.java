package dev.preflight.cost;

import java.util.List;
import java.util.Objects;

/**
 * A pool of identical build machines: the fields of a Nix/Hydra machines file plus price, boot
 * delay, billing and an optional autoscaling rule.
 *
 * <p>Placement follows Nix ({@code Machine::systemSupported}, {@code allSupported}, {@code
 * mandatoryMet} in {@code src/libstore/machines.cc}, called together by {@code
 * src/nix/build-remote/build-remote.cc}; NixOS/nix at {@code 88b09c64}): a build runs on a machine
 * of this pool when the pool lists the build's system (or {@code *}), every feature the build
 * requires is in {@code features} or {@code mandatoryFeatures} ({@code allSupported}: the required
 * set is a subset of their union), and every mandatory feature is required by the build ({@code
 * mandatoryMet}), so a pool with mandatory features takes only builds that ask for all of them.
 * Deviation: {@code *} in {@code features} supports any feature (the {@code --builders}/{@code
 * --slots} shorthand cluster uses it); Nix has no feature wildcard. Where no machine fits, Nix's
 * build-remote declines ("Failed to find a machine for remote build!"); the {@link Simulator}
 * rejects such a cluster at compile time instead of waiting forever.
 *
 * @param name label in reports
 * @param count machines running at the start; with autoscaling, within {@code [min, max]}
 * @param systems systems the machines build; {@code *} means any
 * @param maxJobs build slots per machine; 0 is accepted as Nix accepts it (its machines file parser
 *     reads any unsigned number) and such a machine takes no job: Nix's build-remote scans its
 *     {@code maxJobs} slot locks, finds none free and skips it (the build is postponed while a
 *     machine of the right type exists), and Hydra's Rust queue runner's static capacity check
 *     {@code currentJobs < maxJobs} never passes. Cited: NixOS/nix at {@code 88b09c64}, {@code
 *     src/libstore/machines.cc} ({@code parseBuilderLine}) and {@code
 *     src/nix/build-remote/build-remote.cc}; NixOS/hydra at {@code 14332fbf}, {@code
 *     subprojects/hydra-queue-runner/src/state/machine.rs} ({@code has_static_capacity}).
 * @param speedFactor a build of {@code d} seconds takes {@code d / speedFactor} here
 * @param features supported system features ({@code big-parallel}, {@code kvm}...); {@code *} any
 * @param mandatoryFeatures features a build must require to run here
 * @param pricePerHour price of one machine-hour
 * @param bootSeconds delay between starting a machine and its first build (autoscaling)
 * @param billing how machine time is billed
 * @param autoscale the autoscaling rule, or null for a fixed pool
 */
public record Pool(
    String name,
    int count,
    List<String> systems,
    int maxJobs,
    double speedFactor,
    List<String> features,
    List<String> mandatoryFeatures,
    double pricePerHour,
    double bootSeconds,
    Billing billing,
    Autoscale autoscale) {

  /** The wildcard in {@link #systems} and {@link #features}. */
  public static final String ANY = "*";

  /**
   * Build slots a machine may have at most: more than the hardware threads of the largest servers
   * (two 192-core sockets run 768), so a larger {@code maxJobs} is a typo.
   */
  public static final int MAX_JOBS = 1_024;

  public Pool {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(billing, "billing");
    systems = List.copyOf(systems);
    features = List.copyOf(features);
    mandatoryFeatures = List.copyOf(mandatoryFeatures);
    if (systems.isEmpty()) {
      throw new IllegalArgumentException("systems must not be empty (use \"*\" for any)");
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0");
    }
    if (count > Cluster.MAX_MACHINES) {
      throw new IllegalArgumentException(
          String.format(
              "count must be at most %,d (machines per cluster), got %d",
              Cluster.MAX_MACHINES, count));
    }
    if (maxJobs < 0) {
      throw new IllegalArgumentException("maxJobs must be >= 0");
    }
    if (maxJobs > MAX_JOBS) {
      throw new IllegalArgumentException(
          String.format(
              "maxJobs must be at most %,d (build slots per machine), got %d", MAX_JOBS, maxJobs));
    }
    if (!(speedFactor > 0) || !Double.isFinite(speedFactor)) {
      throw new IllegalArgumentException("speedFactor must be > 0");
    }
    if (!(pricePerHour >= 0) || !Double.isFinite(pricePerHour)) {
      throw new IllegalArgumentException("pricePerHour must be >= 0");
    }
    if (!(bootSeconds >= 0) || !Double.isFinite(bootSeconds)) {
      throw new IllegalArgumentException("bootSeconds must be >= 0");
    }
    if (autoscale != null && (count < autoscale.min() || count > autoscale.max())) {
      throw new IllegalArgumentException(
          "count "
              + count
              + " must lie within autoscale [min, max] = ["
              + autoscale.min()
              + ", "
              + autoscale.max()
              + "]");
    }
  }

  /** The most machines this pool can ever run. */
  public int maxMachines() {
    return autoscale == null ? count : autoscale.max();
  }

  /**
   * Whether the pool builds {@code system} (an empty system, i.e. unknown, runs anywhere). A pool
   * system may be a Debian architecture name ({@code amd64}, {@code arm64}): it builds the graph
   * system of that architecture ({@code amd64-linux}, as the Debian importer names it), so one
   * buildd fleet per architecture reads as Debian runs them.
   */
  public boolean buildsSystem(String system) {
    if (system.isEmpty() || systems.contains(ANY) || systems.contains(system)) {
      return true;
    }
    for (String s : systems) {
      if (s.indexOf('-') < 0 && system.startsWith(s) && system.equals(debianSystem(s))) {
        return true;
      }
    }
    return false;
  }

  /** The graph system of Debian architecture {@code arch}, or null if dpkg does not know it. */
  private static String debianSystem(String arch) {
    try {
      return dev.preflight.graph.io.debian.DebianArch.of(arch).system();
    } catch (dev.preflight.graph.InputException e) {
      return null;
    }
  }

  /** Whether the pool supports or mandates {@code feature}. */
  public boolean offersFeature(String feature) {
    return features.contains(ANY)
        || features.contains(feature)
        || mandatoryFeatures.contains(feature);
  }

  /** Whether a build requiring exactly {@code required} may run here (Nix's feature rules). */
  public boolean acceptsFeatures(List<String> required) {
    for (String f : required) {
      if (!offersFeature(f)) {
        return false;
      }
    }
    return required.containsAll(mandatoryFeatures);
  }

  /** This pool {@code factor} times as large (count, autoscale min and max). */
  public Pool scaled(int factor) {
    if (factor < 1) {
      throw new IllegalArgumentException("scale factor must be >= 1");
    }
    return new Pool(
        name,
        Math.multiplyExact(count, factor),
        systems,
        maxJobs,
        speedFactor,
        features,
        mandatoryFeatures,
        pricePerHour,
        bootSeconds,
        billing,
        autoscale == null ? null : autoscale.scaled(factor));
  }
}
