package dev.preflight.report;

import dev.preflight.cost.CostReport;
import dev.preflight.impact.ImpactReport;
import java.util.List;
import java.util.Map;

/**
 * The impact and the plan as a pull-request comment (GitHub-flavoured Markdown): what a reviewer
 * pastes. Labels, counts per kernel and system, the rebuilt attribute paths per system folded in
 * {@code <details>}, and for a plan the cost and the newly-at-risk / already-broken split. Renders
 * only; every number comes from the reports.
 */
public final class Markdown {
  private Markdown() {}

  /** The impact section, headed {@code heading}. */
  public static String impact(ImpactReport r, String heading) {
    StringBuilder sb = new StringBuilder();
    sb.append(heading).append("\n\n");
    sb.append("Changed: ").append(codes(r.changed()));
    sb.append(" (policy `").append(r.policy().label()).append("`");
    if (!r.pins().isEmpty()) {
      sb.append(", pinned ").append(codes(r.pins()));
    }
    sb.append(")\n\n");
    sb.append("Labels: ").append(codes(r.labels())).append("\n\n");
    sb.append(
        Fmt.format(
            "**%,d** derivations rebuild; longest chain %,d builds.%n%n",
            r.rebuildCount(), r.depth()));
    sb.append("| kernel | attribute paths | packages |\n|---|---:|---:|\n");
    for (Map.Entry<String, Integer> e : r.attrCount().entrySet()) {
      sb.append(
          Fmt.format(
              "| %s | %,d | %,d |%n",
              e.getKey(), e.getValue(), r.byKernel().getOrDefault(e.getKey(), 0)));
    }
    sb.append("\n| system | derivations | attribute paths |\n|---|---:|---:|\n");
    for (Map.Entry<String, Integer> e : r.bySystem().entrySet()) {
      if (e.getValue() == 0) {
        continue;
      }
      sb.append(
          Fmt.format(
              "| %s | %,d | %,d |%n",
              e.getKey().isEmpty() ? "(none)" : e.getKey(),
              e.getValue(),
              r.attrsBySystem().getOrDefault(e.getKey(), List.of()).size()));
    }
    for (Map.Entry<String, List<String>> e : r.attrsBySystem().entrySet()) {
      sb.append("\n<details>\n<summary>")
          .append(escape(e.getKey().isEmpty() ? "(no system)" : e.getKey()))
          .append(Fmt.format(": %,d attribute paths", e.getValue().size()))
          .append("</summary>\n\n");
      for (String a : e.getValue()) {
        sb.append("- `").append(a.replace("`", "")).append("`\n");
      }
      sb.append("\n</details>\n");
    }
    return sb.toString();
  }

  /** The whole plan: verdict, impact, cost, risk. */
  public static String plan(PlanReport p) {
    StringBuilder sb = new StringBuilder();
    sb.append("## Preflight plan\n\n");
    sb.append("**").append(escape(p.verdict())).append("**\n\n");
    sb.append(impact(p.impact(), "### Rebuilds"));
    var c = p.cost();
    sb.append("\n### Cost\n\n");
    sb.append(
        "| makespan | lower bound | CPU-hours | cost ("
            + c.currency()
            + ") | machines (peak of max) | builds |\n|---:|---:|---:|---:|---:|---:|\n");
    sb.append(
        Fmt.format(
            "| %s | %s | %,.1f | %,.2f | %,d of %,d | %,d |%n",
            Fmt.shortDuration(c.makespanSeconds()),
            Fmt.shortDuration(c.lowerBoundSeconds()),
            c.cpuHours(),
            c.cost(),
            c.peakMachines(),
            c.pools().stream().mapToLong(CostReport.PoolCost::maxMachines).sum(),
            c.builds()));
    sb.append("\nScheduler `")
        .append(c.scheduler())
        .append("` on ")
        .append(escape(c.cluster()))
        .append("; placement: ")
        .append(escape(CostRenderer.placementText(c.placement())))
        .append(".\n");
    int newly = 0;
    int broken = 0;
    int unknown = 0;
    for (PlanReport.Node n : p.nodes()) {
      switch (n.riskClass()) {
        case "newlyAtRisk" -> newly++;
        case "alreadyBroken" -> broken++;
        default -> unknown++;
      }
    }
    sb.append("\n### Risk\n\n");
    sb.append("| newly at risk | already broken | unknown | expected new failures |\n");
    sb.append("|---:|---:|---:|---:|\n");
    sb.append(
        Fmt.format(
            "| %,d | %,d | %,d | %.1f |%n",
            newly, broken, unknown, p.risk().report().scores().expectedNewFailures()));
    sb.append(
        "\nAlready broken builds were failing before this change; they are not new"
            + " breakage.\n");
    if (broken > 0) {
      sb.append(Fmt.format("%n<details>%n<summary>Already broken: %,d</summary>%n%n", broken));
      for (PlanReport.Node n : p.nodes()) {
        if (n.riskClass().equals("alreadyBroken")) {
          sb.append("- `").append(n.id().replace("`", "")).append("`\n");
        }
      }
      sb.append("\n</details>\n");
    }
    String hint = p.risk().history().unmatchedHint(p.graph());
    if (hint != null) {
      sb.append("\n> ").append(escape(hint)).append('\n');
    }
    return sb.toString();
  }

  private static String codes(List<String> items) {
    if (items.isEmpty()) {
      return "none";
    }
    StringBuilder sb = new StringBuilder();
    for (String s : items) {
      sb.append(sb.length() == 0 ? "" : " ").append('`').append(s.replace("`", "")).append('`');
    }
    return sb.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
