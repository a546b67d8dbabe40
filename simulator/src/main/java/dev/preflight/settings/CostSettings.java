package dev.preflight.settings;

import java.util.Locale;

/**
 * Constants of the cost simulator (DESIGN.md §3). The duration-model constants are fitted to the
 * published Debian rebuild shape; {@code defaults.json} explains each value and the README shows
 * the fit.
 *
 * @param historyWindow observed durations: the median of this many latest successful builds
 * @param observedSigma log-normal sigma around an observed duration (history or graph attribute)
 * @param overheadSeconds size model: fixed seconds every build spends (unpack, configure, package)
 * @param sizeCoefficientSeconds size model: seconds added by one megabyte (10^6 bytes) of source
 * @param sizeExponent size model: how the size-dependent part grows with megabytes
 * @param sizeSigma log-normal sigma of a size-based estimate
 * @param defaultMedianSeconds median duration of a node with neither observation nor size
 * @param defaultSigma log-normal sigma of that default distribution
 * @param minSeconds no duration (point or drawn) is shorter
 * @param maxSeconds no duration (point or drawn) is longer
 * @param bigParallelSeconds on a graph without feature data, a node whose expected duration is at
 *     least this needs {@code big-parallel} (only for systems that some pool builds with the
 *     feature); a graph that records {@code requiredSystemFeatures} is placed by them instead
 * @param builders machines of the built-in cluster used when neither a cluster file nor {@code
 *     --builders} is given
 * @param slots build slots ({@code maxJobs}) per machine of the built-in and shorthand clusters
 * @param pricePerHour price of one machine-hour where the cluster does not say (shorthand, Nix
 *     machines files)
 * @param currency ISO 4217 code of {@code pricePerHour}, and of a cluster file's prices when the
 *     file names no {@code currency}
 * @param billingUnitSeconds billing granularity where the cluster does not say
 * @param billingMinimumSeconds minimum billed time per machine start where the cluster does not say
 * @param autoscaleIntervalSeconds how often autoscaling rules are evaluated
 * @param failedRunFraction a failing build runs for this fraction of its duration before failing
 * @param scheduler default dispatch policy
 * @param seriesPoints number of equal time bins in the utilization and queue series
 * @param kneeImprovement the knee of a cost curve is the smallest size from which every further
 *     step improves the makespan by less than this fraction
 * @param seed seed of Monte Carlo duration and failure draws
 */
public record CostSettings(
    int historyWindow,
    double observedSigma,
    double overheadSeconds,
    double sizeCoefficientSeconds,
    double sizeExponent,
    double sizeSigma,
    double defaultMedianSeconds,
    double defaultSigma,
    double minSeconds,
    double maxSeconds,
    double bigParallelSeconds,
    int builders,
    int slots,
    double pricePerHour,
    String currency,
    double billingUnitSeconds,
    double billingMinimumSeconds,
    double autoscaleIntervalSeconds,
    double failedRunFraction,
    String scheduler,
    int seriesPoints,
    double kneeImprovement,
    long seed) {

  public CostSettings {
    Settings.range("cost.historyWindow", historyWindow, 1, 100_000);
    Settings.check(observedSigma >= 0, "cost.observedSigma must be >= 0");
    Settings.check(overheadSeconds >= 0, "cost.overheadSeconds must be >= 0");
    Settings.check(sizeCoefficientSeconds >= 0, "cost.sizeCoefficientSeconds must be >= 0");
    Settings.check(sizeExponent >= 0, "cost.sizeExponent must be >= 0");
    Settings.check(sizeSigma >= 0, "cost.sizeSigma must be >= 0");
    Settings.check(defaultMedianSeconds > 0, "cost.defaultMedianSeconds must be > 0");
    Settings.check(defaultSigma >= 0, "cost.defaultSigma must be >= 0");
    Settings.check(minSeconds >= 0, "cost.minSeconds must be >= 0");
    Settings.check(maxSeconds >= minSeconds, "cost.maxSeconds must be >= cost.minSeconds");
    Settings.check(overheadSeconds + sizeCoefficientSeconds > 0, "cost: the size model is zero");
    Settings.check(bigParallelSeconds > 0, "cost.bigParallelSeconds must be > 0");
    Settings.range("cost.builders", builders, 1, 100_000);
    Settings.range("cost.slots", slots, 1, 1024);
    Settings.check(pricePerHour >= 0, "cost.pricePerHour must be >= 0");
    try {
      CurrencyCode.check(currency);
    } catch (IllegalArgumentException e) {
      Settings.check(false, "cost." + e.getMessage());
    }
    Settings.check(billingUnitSeconds > 0, "cost.billingUnitSeconds must be > 0");
    Settings.check(billingMinimumSeconds >= 0, "cost.billingMinimumSeconds must be >= 0");
    Settings.check(autoscaleIntervalSeconds > 0, "cost.autoscaleIntervalSeconds must be > 0");
    Settings.check(
        failedRunFraction >= 0 && failedRunFraction <= 1,
        "cost.failedRunFraction must be in [0, 1]");
    Settings.check(
        scheduler != null && !scheduler.isBlank(), "cost.scheduler must name a scheduler");
    scheduler = scheduler.trim().toLowerCase(Locale.ROOT);
    Settings.range("cost.seriesPoints", seriesPoints, 1, 100_000);
    Settings.check(
        kneeImprovement > 0 && kneeImprovement < 1, "cost.kneeImprovement must be in (0, 1)");
  }
}
