/**
 * Seeded backtests of the risk model against synthetic worlds whose failures come from a hidden
 * model that is deliberately not the scorer's: it measures the coverage of the prediction and
 * sampling intervals, the Brier score of the per-node probabilities against the global-rate
 * baseline, and how many new failures the build-first list finds within 10% of the CPU budget
 * compared with a random order. {@link dev.preflight.risk.calibration.CalibrationHarness#main}
 * reruns it with more trials.
 */
package dev.preflight.risk.calibration;
