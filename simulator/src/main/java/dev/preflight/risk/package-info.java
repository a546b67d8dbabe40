/**
 * Risk of a change: which rebuilt nodes are newly at risk (previously green), already broken or
 * unknown; a per-node failure probability from the node's history and its exposure to the change,
 * with failures propagated as "dependency failed" by a seeded Monte Carlo; the expected number of
 * new failures with an interval; and a sampling plan that says which builds to run first to measure
 * the breakage rate (stratified by risk) or to find failures fast (risk per CPU-hour), plus the
 * stratified estimate once their results are known. {@link dev.preflight.risk.RiskAnalysis} is the
 * entry point; the model is documented in {@link dev.preflight.risk.RiskModel} and docs/models.md.
 */
package dev.preflight.risk;
