package dev.preflight.report.question;

import dev.preflight.cost.DurationModel;
import dev.preflight.cost.Durations;
import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.history.History;
import dev.preflight.impact.Changes;
import dev.preflight.impact.Policy;
import dev.preflight.impact.RebuildSet;
import dev.preflight.report.RiskView;
import dev.preflight.risk.RebuildScope;
import dev.preflight.risk.RiskAnalysis;
import dev.preflight.risk.RiskReport;
import dev.preflight.risk.SamplingPlan;
import dev.preflight.settings.RiskSettings;
import dev.preflight.settings.Settings;
import java.util.List;

/**
 * {@code preflight risk} and {@code GET /v1/risk}: which rebuilt packages are newly at risk, how
 * many new failures to expect, which builds to run first (DESIGN.md §4).
 */
public final class RiskQuestion {
  private RiskQuestion() {}

  /**
   * @param change the named change
   * @param pins the bootstrap cut
   * @param policy a policy name, or null for the graph's own
   * @param confidence confidence of intervals, or null for the settings'
   * @param margin target half-width of the breakage-rate estimate, or null for the settings'
   * @param budgetHours CPU-hours to spend, or null
   * @param sampleBuilds how many builds to sample ({@code --sample-builds}), or null to size the
   *     sample for the margin
   * @param top rows of the riskiest-packages list, or null for the settings'
   * @param list list the rebuilt nodes of each class
   * @param history past builds, or null
   * @param observed results of builds already run, or null
   */
  public record Request(
      ChangeSpec change,
      List<String> pins,
      String policy,
      Double confidence,
      Double margin,
      Double budgetHours,
      Integer sampleBuilds,
      Integer top,
      boolean list,
      History history,
      History observed) {
    public Request {
      pins = pins == null ? List.of() : List.copyOf(pins);
      history = history == null ? History.empty() : history;
    }

    /** The sampling plan and the top-N, checked; fails on out-of-range values. */
    Plan plan(RiskSettings s) {
      double c = confidence == null ? s.defaultConfidence() : confidence;
      double e = margin == null ? s.defaultMargin() : margin;
      if (!(c > 0 && c < 1)) {
        throw InputException.of("--confidence must be between 0 and 1 (exclusive), got " + c);
      }
      if (!(e > 0 && e < 1)) {
        throw InputException.of("--margin must be between 0 and 1 (exclusive), got " + e);
      }
      if (sampleBuilds != null && budgetHours != null) {
        throw InputException.of("give --sample-builds or --budget-hours, not both");
      }
      if (sampleBuilds != null && sampleBuilds < 0) {
        throw InputException.of("--sample-builds must be >= 0, got " + sampleBuilds);
      }
      if (budgetHours != null && !(budgetHours >= 0 && budgetHours < Double.POSITIVE_INFINITY)) {
        throw InputException.of("--budget-hours must be >= 0, got " + budgetHours);
      }
      int n = top == null ? s.topN() : top;
      if (n < 0) {
        throw InputException.of("--top must be >= 0, got " + n);
      }
      return new Plan(
          new SamplingPlan.Request(
              c,
              e,
              sampleBuilds == null ? -1 : sampleBuilds,
              budgetHours == null ? Double.NaN : budgetHours),
          n);
    }

    /** The same request with the history and the observed results read from files. */
    public Request withFiles(History history, History observed) {
      return new Request(
          change,
          pins,
          policy,
          confidence,
          margin,
          budgetHours,
          sampleBuilds,
          top,
          list,
          history,
          observed);
    }

    /** Fails on out-of-range values and a missing change, before the graph is touched. */
    public void check(Settings settings) {
      plan(settings.risk());
      change.require();
    }
  }

  private record Plan(SamplingPlan.Request sampling, int top) {}

  /** Answers {@code r} on {@code graph} (unpinned; the pins are applied here). */
  public static RiskView answer(PackageGraph graph, Request r, Env env) {
    Settings all = env.settings();
    RiskSettings settings = all.risk();
    Plan plan = r.plan(settings);
    r.change().require();
    PackageGraph g = ChangeSpec.pinned(graph, r.pins());
    Policy p = ChangeSpec.definitePolicy(r.policy(), g, "risk");
    Changes resolved = r.change().resolve(g, env);
    RebuildSet set = p.rebuildSet(g, resolved.nodes());
    // Exposure and propagation read the round's own ordering graph (relation edges included).
    PackageGraph ordered = p.scheduleView(g);
    RebuildScope scope = new RebuildScope(resolved.nodes(), set.nodes(), set.distances());
    History hist = r.history();
    // Durations from the cost model: observed seconds from the history, else the graph's, else
    // its size proxy (the same estimates preflight cost and plan use).
    Durations durations = DurationModel.estimate(g, hist, all.cost());
    RiskReport report =
        RiskAnalysis.run(
            new RiskAnalysis.Input(
                ordered, scope, hist, durations::point, plan.sampling(), plan.top(), r.observed()),
            settings,
            env.progress());
    return new RiskView(g, p, resolved, report, hist, settings, r.list());
  }
}
