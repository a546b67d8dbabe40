package dev.preflight.report;

import dev.preflight.cost.CostReport;
import dev.preflight.settings.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The plan as a JSON document: {@code schemaVersion} first, stable key order. */
public final class PlanJson {
  private PlanJson() {}

  /**
   * The document: {@code schemaVersion}, {@code changed}, {@code pins} (only when pinned), {@code
   * policy}, {@code verdict}, {@code impact}, {@code cost}, {@code risk} (the three as their
   * commands print them), and with {@code nodes} the per-node rows.
   */
  public static Map<String, Object> document(PlanReport p, boolean nodes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", PlanReport.SCHEMA_VERSION);
    m.put("changed", p.changes().resolvedNames());
    if (!p.graph().pinNames().isEmpty()) {
      m.put("pins", p.graph().pinNames());
    }
    m.put("policy", p.policy().label());
    m.put("order", p.cost().order());
    m.put("orderDefault", p.cost().defaultOrder());
    Map<String, Object> verdict = new LinkedHashMap<>();
    verdict.put("deadlineSeconds", p.deadlineSeconds());
    verdict.put("makespanSeconds", Fmt.round(p.cost().makespanSeconds(), 3));
    verdict.put("fits", p.fits());
    verdict.put("smallestFittingSize", p.smallestFittingSize());
    CostReport.Samples sampled = p.cost().samples();
    if (sampled != null) {
      // Only with --samples: the verdict then follows the sampled makespans (PlanReport.fits).
      verdict.put("rule", "makespanP90 <= deadlineSeconds");
      verdict.put("samples", sampled.count());
      verdict.put("makespanP50Seconds", Fmt.round(sampled.makespanP50(), 3));
      verdict.put("makespanP90Seconds", Fmt.round(sampled.makespanP90(), 3));
      verdict.put("samplesWithinDeadline", sampled.within(p.deadlineSeconds()));
      verdict.put("probabilityWithinDeadline", Fmt.round(p.probabilityWithinDeadline(), 4));
    }
    verdict.put("text", p.verdict());
    m.put("verdict", verdict);
    m.put("impact", ImpactRenderer.toJson(p.impact(), false, Settings.defaults().impact()));
    m.put(
        "cost",
        CostRenderer.toJson(
            p.cost(),
            p.policy(),
            p.changes(),
            p.graph().pinNames(),
            false,
            !p.cost().curve().isEmpty()));
    m.put("risk", RiskRenderer.toJson(p.risk()));
    if (nodes) {
      List<Map<String, Object>> rows = new ArrayList<>(p.nodes().size());
      for (PlanReport.Node n : p.nodes()) {
        rows.add(node(n));
      }
      m.put("nodes", rows);
    }
    return m;
  }

  public static Map<String, Object> node(PlanReport.Node n) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", n.id());
    e.put("name", n.name());
    e.put("system", n.system());
    e.put("distance", n.distance());
    e.put("durationSeconds", Fmt.round(n.durationSeconds(), 3));
    e.put("durationSource", n.durationSource());
    e.put("startSeconds", Fmt.round(n.startSeconds(), 3));
    e.put("finishSeconds", Fmt.round(n.finishSeconds(), 3));
    e.put("criticalPath", n.criticalPath());
    e.put("riskClass", n.riskClass());
    e.put("failureProbability", Fmt.round(n.failureProbability(), 4));
    e.put("buildFirstRank", n.buildFirstRank());
    e.put("sampleRank", n.sampleRank());
    return e;
  }
}
