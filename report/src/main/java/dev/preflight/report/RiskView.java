package dev.preflight.report;

import dev.preflight.graph.PackageGraph;
import dev.preflight.history.History;
import dev.preflight.impact.Changes;
import dev.preflight.impact.Policy;
import dev.preflight.risk.RiskReport;
import dev.preflight.settings.RiskSettings;

/**
 * What the risk renderers show.
 *
 * @param graph the graph (ids and names of the lists)
 * @param policy the policy
 * @param changes the resolved change
 * @param report the risk report
 * @param history the history the model read (empty when none)
 * @param settings the risk settings (reported in the model section)
 * @param list whether to list the rebuilt nodes of each class
 */
public record RiskView(
    PackageGraph graph,
    Policy policy,
    Changes changes,
    RiskReport report,
    History history,
    RiskSettings settings,
    boolean list) {}
