package dev.preflight.settings;

/**
 * Constants of the risk model ({@code dev.preflight.risk}); {@code defaults.json} documents each
 * one and docs/models.md ("The risk model") explains the model they parameterize.
 *
 * @param historyHalfLifeDays a past result's weight halves every this many days before the newest
 *     result in the history file
 * @param priorStrength weight, in builds, of the Beta prior that smooths a node's failure rate
 * @param priorMean prior failure rate used when the history holds fewer than {@code priorMinBuilds}
 *     (decayed) informative builds; otherwise the pooled rate of the history is used
 * @param priorMinBuilds decayed informative builds needed to trust the history's pooled rates
 * @param brokenPersistence prior probability that a node whose latest result failed fails again
 *     (replaced by the history's pooled estimate when it has enough repeated failures)
 * @param changeHazard hazard a changed direct input (distance 1) adds to a node of average
 *     fragility
 * @param distanceDecay factor by which a changed input's hazard shrinks per further edge
 * @param changedNodeExposure exposure of a changed node to its own change, relative to a direct
 *     dependent's
 * @param exposureMaxDistance changed inputs are counted individually up to this distance; beyond it
 *     only the nearest one counts
 * @param exposureSourceLimit above this many changed nodes only the nearest one counts everywhere
 * @param fragilityExponent exponent of (node rate / prior mean) in the fragility multiplier
 * @param fragilityMin lower clamp of the fragility multiplier
 * @param fragilityMax upper clamp of the fragility multiplier
 * @param severitySigma log-normal sigma of the unknown severity of the change (multiplies the
 *     change hazard); the width of the prediction interval comes mostly from here
 * @param severityLevels the simulation spreads its trials over this many equal-probability slices
 *     of the severity distribution (own probabilities are computed once per slice)
 * @param simulationTrials most Monte Carlo trials of the failure process
 * @param minSimulationTrials fewest trials, whatever the work budget
 * @param simulationWorkBudget visits of rebuilt nodes and of edges between them the simulation may
 *     spend in total
 * @param seed seed of the simulation and of the random sample
 * @param strata number of risk strata of the sampling plan
 * @param planningMinRate floor of a stratum's anticipated failure rate when sizing the sample
 * @param minSamplesPerStratum samples every stratum gets (if it is that big) so its variance can be
 *     estimated
 * @param defaultBuildSeconds duration of a build whose duration nobody knows
 * @param buildFirstCandidates riskiest nodes whose dependents are counted exactly for the
 *     build-first order
 * @param buildFirstCpuShare without a budget, the build-first list covers this share of the
 *     rebuild's CPU time
 * @param buildFirstMaxLength longest build-first list printed
 * @param defaultConfidence confidence of intervals unless {@code --confidence} says otherwise
 * @param defaultMargin target half-width of the breakage-rate estimate unless {@code --margin}
 * @param topN rows of the riskiest-packages table unless {@code --top} says otherwise
 */
public record RiskSettings(
    double historyHalfLifeDays,
    double priorStrength,
    double priorMean,
    double priorMinBuilds,
    double brokenPersistence,
    double changeHazard,
    double distanceDecay,
    double changedNodeExposure,
    int exposureMaxDistance,
    int exposureSourceLimit,
    double fragilityExponent,
    double fragilityMin,
    double fragilityMax,
    double severitySigma,
    int severityLevels,
    int simulationTrials,
    int minSimulationTrials,
    long simulationWorkBudget,
    long seed,
    int strata,
    double planningMinRate,
    int minSamplesPerStratum,
    double defaultBuildSeconds,
    int buildFirstCandidates,
    double buildFirstCpuShare,
    int buildFirstMaxLength,
    double defaultConfidence,
    double defaultMargin,
    int topN) {

  public RiskSettings {
    Settings.check(historyHalfLifeDays > 0, "risk.historyHalfLifeDays must be > 0");
    Settings.check(priorStrength > 0, "risk.priorStrength must be > 0");
    Settings.check(priorMean > 0 && priorMean < 1, "risk.priorMean must be in (0, 1)");
    Settings.check(priorMinBuilds >= 0, "risk.priorMinBuilds must be >= 0");
    Settings.check(
        brokenPersistence >= 0 && brokenPersistence <= 1,
        "risk.brokenPersistence must be in [0, 1]");
    Settings.check(changeHazard >= 0, "risk.changeHazard must be >= 0");
    Settings.check(distanceDecay > 0 && distanceDecay <= 1, "risk.distanceDecay must be in (0, 1]");
    Settings.check(changedNodeExposure >= 0, "risk.changedNodeExposure must be >= 0");
    Settings.range("risk.exposureMaxDistance", exposureMaxDistance, 0, 1_000_000);
    Settings.range("risk.exposureSourceLimit", exposureSourceLimit, 1, 100_000_000);
    Settings.check(fragilityExponent >= 0, "risk.fragilityExponent must be >= 0");
    Settings.check(
        fragilityMin > 0 && fragilityMin <= 1 && fragilityMax >= 1,
        "risk.fragilityMin must be in (0, 1] and risk.fragilityMax >= 1");
    Settings.check(severitySigma >= 0, "risk.severitySigma must be >= 0");
    Settings.range("risk.severityLevels", severityLevels, 1, 10_000);
    Settings.range("risk.simulationTrials", simulationTrials, 1, 1_000_000);
    Settings.range("risk.minSimulationTrials", minSimulationTrials, 1, simulationTrials);
    Settings.range("risk.simulationWorkBudget", simulationWorkBudget, 1, 1_000_000_000_000L);
    Settings.range("risk.strata", strata, 1, 100_000);
    Settings.check(
        planningMinRate > 0 && planningMinRate <= 0.5, "risk.planningMinRate must be in (0, 0.5]");
    Settings.range("risk.minSamplesPerStratum", minSamplesPerStratum, 1, 10_000_000);
    Settings.check(defaultBuildSeconds > 0, "risk.defaultBuildSeconds must be > 0");
    Settings.range("risk.buildFirstCandidates", buildFirstCandidates, 1, 1_000_000);
    Settings.check(
        buildFirstCpuShare > 0 && buildFirstCpuShare <= 1,
        "risk.buildFirstCpuShare must be in (0, 1]");
    Settings.range("risk.buildFirstMaxLength", buildFirstMaxLength, 1, 1_000_000);
    Settings.check(
        defaultConfidence > 0 && defaultConfidence < 1, "risk.defaultConfidence must be in (0, 1)");
    Settings.check(defaultMargin > 0 && defaultMargin < 1, "risk.defaultMargin must be in (0, 1)");
    Settings.range("risk.topN", topN, 0, 1_000_000);
  }
}
