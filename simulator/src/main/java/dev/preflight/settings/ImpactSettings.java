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
 */
public record ImpactSettings(
    double defaultUnchangedProbability,
    int cutoffSamples,
    long seed,
    List<String> labelBuckets,
    List<String> largeLabelBuckets) {

  public ImpactSettings {
    Settings.check(
        defaultUnchangedProbability >= 0 && defaultUnchangedProbability <= 1,
        "impact.defaultUnchangedProbability must be in [0, 1]");
    Settings.check(cutoffSamples >= 1, "impact.cutoffSamples must be >= 1");
    labelBuckets = List.copyOf(labelBuckets);
    largeLabelBuckets = List.copyOf(largeLabelBuckets);
  }
}
