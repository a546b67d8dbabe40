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
import dev.preflight.settings.Settings;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /** The deadline when none is named. */
  public static final String DEFAULT_DEADLINE = "24h";

  /**
   * @param change the named change
   * @param pins the bootstrap cut
   * @param policy a policy name, or null for the graph's own
   * @param cluster the cluster
   * @param schedule scheduler, order, curve, samples, seed
   * @param history past builds, or null
   * @param deadline the time the rebuild must fit in (90m, 24h, 7d, 3600s)
   * @param top rows of the riskiest-packages list, or null for the settings'
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
                    r.top() != null ? r.top() : settings.risk().topN()),
                env.executor(),
                env.progress());
    return PlanReport.of(result, deadlineSeconds, settings);
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([smhd]?)");

  /** Seconds of {@code 90m}, {@code 24h}, {@code 7d}, {@code 3600s} or {@code 3600}. */
  public static double parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw InputException.of(
          "--deadline '" + text + "' is not a duration (examples: 90m, 24h, 7d, 3600s)");
    }
    double v = Double.parseDouble(m.group(1));
    double unit =
        switch (m.group(2)) {
          case "m" -> 60;
          case "h" -> 3600;
          case "d" -> 86400;
          default -> 1;
        };
    if (!(v > 0)) {
      throw InputException.of("--deadline must be positive, got '" + text + "'");
    }
    return v * unit;
  }
}
