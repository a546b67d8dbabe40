package dev.preflight.settings;

import java.util.List;

/**
 * Constants of the impact engine.
 *
 * @param defaultUnchangedProbability cutoff policy: probability that a rebuild reproduces the old
 *     output, for nodes without their own value
 * @param cutoffSamples Monte Carlo trials for the cutoff policy
 * @param seed seed of those trials
 * @param labelBuckets ofborg's count buckets, smallest first
 * @param largeLabelBuckets the finer buckets for counts over 500
 * @param profileBudgetMiB working memory per task of the impact profile's bitset engine
 */
public record ImpactSettings(
    double defaultUnchangedProbability,
    int cutoffSamples,
    long seed,
    List<String> labelBuckets,
    List<String> largeLabelBuckets,
    long profileBudgetMiB) {

  public ImpactSettings {
    Settings.check(
        defaultUnchangedProbability >= 0 && defaultUnchangedProbability <= 1,
        "impact.defaultUnchangedProbability must be in [0, 1]");
    Settings.range("impact.cutoffSamples", cutoffSamples, 1, 1_000_000);
    labelBuckets = List.copyOf(labelBuckets);
    largeLabelBuckets = List.copyOf(largeLabelBuckets);
    Settings.check(!labelBuckets.isEmpty(), "impact.labelBuckets must not be empty");
    for (String b : labelBuckets) {
      Settings.check(
          b.matches("\\d+(-\\d+|\\+)?"),
          "impact.labelBuckets: '" + b + "' is not N, A-B or A+ (e.g. 0, 11-100, 501+)");
    }
    for (String b : largeLabelBuckets) {
      Settings.check(
          b.matches("\\d+(-\\d+|\\+)?"),
          "impact.largeLabelBuckets: '" + b + "' is not N, A-B or A+ (e.g. 5001+)");
    }
    Settings.check(
        profileBudgetMiB >= 1 && profileBudgetMiB <= 4096,
        "impact.profileBudgetMiB must be in [1, 4096]");
  }
}
