package dev.preflight.report;

import dev.preflight.report.render.Ansi;
import dev.preflight.report.render.TextTable;

/**
 * The plan for people, sized for one screen: the verdict first, then the impact, cost and risk
 * sections, each change named once (in the impact section), the ranked lists cut to {@code --top}
 * rows and the long lists (build-first ids, the sample's ids and strata, one row per rebuilt node)
 * only with {@code --list}. On the bundled graph {@code plan --change zlib} prints at most 60 lines
 * (PlanCommandTest checks it).
 */
public final class PlanText {
  private PlanText() {}

  public static String table(PlanReport p, Ansi ansi, boolean list) {
    StringBuilder sb = new StringBuilder();
    String verdict = p.fits() ? ansi.green(p.verdict()) : ansi.red(p.verdict());
    sb.append(ansi.bold("VERDICT")).append("  ").append(verdict).append("\n\n");
    sb.append(ansi.bold("== Impact ==")).append('\n');
    sb.append(ImpactRenderer.table(p.impact(), false)).append('\n');
    sb.append(ansi.bold("== Cost ==")).append('\n');
    sb.append(CostRenderer.table(p.cost(), p.policy(), null, p.graph().pinNames(), false))
        .append('\n');
    sb.append(ansi.bold("== Risk ==")).append('\n');
    sb.append(RiskRenderer.table(p.risk(), false, list));
    if (list) {
      sb.append('\n').append(ansi.bold("== Rebuilds ==")).append('\n');
      TextTable t =
          new TextTable(
              "package",
              "system",
              "dist>",
              "duration>",
              "start>",
              "finish>",
              "critical",
              "class",
              "p(fail)>",
              "first>");
      for (PlanReport.Node n : p.nodes()) {
        t.row(
            n.name(),
            n.system(),
            n.distance(),
            Fmt.shortDuration(n.durationSeconds()),
            Fmt.shortDuration(n.startSeconds()),
            Fmt.shortDuration(n.finishSeconds()),
            n.criticalPath() ? "yes" : "",
            n.riskClass(),
            Fmt.format("%.3f", n.failureProbability()),
            n.buildFirstRank() == null ? "" : n.buildFirstRank());
      }
      sb.append(t.render(TextTable.terminalWidth()));
    }
    return sb.toString();
  }
}
