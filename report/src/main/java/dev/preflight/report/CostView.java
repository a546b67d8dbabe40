package dev.preflight.report;

import dev.preflight.cost.CostReport;
import dev.preflight.impact.Changes;
import java.util.List;

/**
 * What the cost renderers show.
 *
 * @param report the cost report
 * @param policy the policy label, or {@code all} for a whole-archive rebuild
 * @param changes the resolved change, or null for a whole-archive rebuild
 * @param pins the graph's pin names (empty: none)
 * @param failures whether failures were simulated (outcomes and blocked channels shown)
 * @param curve whether a cost curve was asked for
 */
public record CostView(
    CostReport report,
    dev.preflight.impact.Policy policy,
    Changes changes,
    List<String> pins,
    boolean failures,
    boolean curve) {
  public CostView {
    pins = List.copyOf(pins);
  }
}
