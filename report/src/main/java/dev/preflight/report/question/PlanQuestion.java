package dev.preflight.report.question;

import dev.preflight.cost.Cluster;
import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.history.History;
import dev.preflight.impact.Changes;
import dev.preflight.impact.Policy;
import dev.preflight.plan.PlanAnalysis;
import dev.preflight.report.PlanReport;
import dev.preflight.settings.CostSettings;
import dev.preflight.settings.DurationText;
import dev.preflight.settings.Settings;
import java.util.List;

/**
 * {@code preflight plan} and {@code GET /v1/plan}: impact, cost and risk of one change, and whether
 * the rebuild fits a deadline on the cluster.
 */
public final class PlanQuestion {
  private PlanQuestion() {}

  /**
   * Cluster multiples tried for the verdict and the cost curve; those that would take the cluster
   * past {@link Cluster#MAX_MACHINES} are left out ({@link #sizes}).
   */
  public static final List<Integer> SIZES = List.of(1, 2, 4, 8, 16, 32, 64);

  /** The multiples of {@link #SIZES} that keep {@code cluster} within the machine limit. */
  public static List<Integer> sizes(Cluster cluster) {
    return SIZES.stream().filter(size -> size <= cluster.maxScale()).toList();
  }

  /** Rows of the ranked lists without {@code --top}: the plan's table then fits a screen. */
  public static final int TOP = 5;

  /** The deadline when none is named. */
  public static final String DEFAULT_DEADLINE = "24h";

  /**
   * @param change the named change
   * @param pins the bootstrap cut
   * @param policy a policy name, or null for the graph's own
   * @param cluster the cluster
   * @param schedule scheduler, order, curve, samples, seed
   * @param history past builds, or null
   * @param deadline the time the rebuild must fit in (90s, 45m, 24h, 2d, 1h30m, PT24H: a unit is
   *     required)
   * @param top rows of the ranked lists, or null for {@link #TOP}
   */
  public record Request(
      ChangeSpec change,
      List<String> pins,
      String policy,
      ClusterSpec cluster,
      ScheduleSpec schedule,
      History history,
      String deadline,
      Integer top) {
    public Request {
      pins = pins == null ? List.of() : List.copyOf(pins);
      cluster = cluster == null ? ClusterSpec.DEFAULT : cluster;
      schedule = schedule == null ? ScheduleSpec.DEFAULT : schedule;
      history = history == null ? History.empty() : history;
      deadline = deadline == null ? DEFAULT_DEADLINE : deadline;
    }

    /** The same request with the history read from a file. */
    public Request withHistory(History h) {
      return new Request(change, pins, policy, cluster, schedule, h, deadline, top);
    }

    /** Fails on out-of-range values and a missing change, before the graph is touched. */
    public void check() {
      change.require();
      if (top != null && top < 0) {
        throw InputException.of("--top must be >= 0, got " + top);
      }
      cluster.check();
      schedule.check();
      parseDuration(deadline);
    }
  }

  /** Answers {@code r} on {@code graph} (unpinned; the pins are applied here). */
  public static PlanReport answer(PackageGraph graph, Request r, Env env) {
    r.check();
    double deadlineSeconds = parseDuration(r.deadline());
    Settings settings = env.settings();
    CostSettings cs = settings.cost();
    PackageGraph g = ChangeSpec.pinned(graph, r.pins());
    Policy pol = ChangeSpec.definitePolicy(r.policy(), g, "plan");
    Changes resolved = r.change().resolve(g, env);
    Cluster cluster = r.cluster().load(cs);
    ScheduleSpec schedule = r.schedule();
    List<Integer> sizes = schedule.hasSizes() ? schedule.sizes(cluster) : sizes(cluster);
    PlanAnalysis.Result result =
        new PlanAnalysis(g, settings, r.history())
            .analyze(
                resolved,
                pol,
                new PlanAnalysis.Request(
                    cluster,
                    schedule.scheduler(),
                    schedule.order(),
                    schedule.channelSet(),
                    sizes,
                    schedule.samples(),
                    schedule.seed(cs.seed()),
                    true,
                    PlanAnalysis.riskDefaults(settings),
                    r.top() != null ? r.top() : TOP),
                env.executor(),
                env.progress());
    return PlanReport.of(result, deadlineSeconds, settings);
  }

  /** Seconds of {@code --deadline} ({@link DurationText}: a unit is required). */
  public static double parseDuration(String text) {
    try {
      return DurationText.seconds(text, "--deadline");
    } catch (IllegalArgumentException e) {
      throw InputException.of(e.getMessage());
    }
  }
}
