/**
 * The plan pipeline: one change resolved, then its impact, its cost on a cluster and its risk, each
 * computed once from the one before ({@link dev.preflight.plan.PlanAnalysis}); {@code preflight
 * plan}, the batch rows and any other front end call it rather than chaining the engines again.
 */
package dev.preflight.plan;
