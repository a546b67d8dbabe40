package dev.preflight.report.question;

import dev.preflight.cost.BuildOrder;
import dev.preflight.cost.Cluster;
import dev.preflight.cost.CostAnalysis;
import dev.preflight.cost.CostReport;
import dev.preflight.cost.DurationModel;
import dev.preflight.cost.FailureModel;
import dev.preflight.cost.JobGraph;
import dev.preflight.cost.Scheduler;
import dev.preflight.cost.Workload;
import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.history.History;
import dev.preflight.impact.Changes;
import dev.preflight.impact.Policy;
import dev.preflight.report.CostView;
import dev.preflight.settings.CostSettings;
import java.util.List;

/** {@code preflight cost} and {@code GET /v1/cost}: a rebuild simulated on a build cluster. */
public final class CostQuestion {
  private CostQuestion() {}

  /**
   * @param change the named change (empty with {@code all})
   * @param all rebuild every node
   * @param pins the bootstrap cut
   * @param policy a policy name, or null for the graph's own
   * @param cluster the cluster
   * @param schedule scheduler, order, curve, samples, seed
   * @param history past builds (durations), or null
   * @param failRed builds that were red last time fail again
   * @param failureRate every build fails with this probability, or null
   */
  public record Request(
      ChangeSpec change,
      boolean all,
      List<String> pins,
      String policy,
      ClusterSpec cluster,
      ScheduleSpec schedule,
      History history,
      boolean failRed,
      Double failureRate) {
    public Request {
      pins = pins == null ? List.of() : List.copyOf(pins);
      cluster = cluster == null ? ClusterSpec.DEFAULT : cluster;
      schedule = schedule == null ? ScheduleSpec.DEFAULT : schedule;
    }

    /** Fails on contradicting or out-of-range values, before any file or graph is read. */
    public void check() {
      if (all && change.given()) {
        throw InputException.of("--all rebuilds every node: drop --change/--changes-file");
      }
      if (!all && !change.given()) {
        throw InputException.of("name a change (--change, --changes-file) or use --all");
      }
      cluster.check();
      schedule.check();
      if (failureRate != null && !(failureRate >= 0 && failureRate <= 1)) {
        throw InputException.of("--failure-rate must be in [0, 1]");
      }
    }
  }

  /** Whether the request needs the executor (a cost curve or Monte Carlo samples). */
  public static boolean parallel(Request r) {
    return !r.schedule().sizes().isEmpty() || r.schedule().samples() != 0;
  }

  /** Answers {@code r} on {@code graph} (unpinned; the pins are applied here). */
  public static CostView answer(PackageGraph graph, Request r, Env env) {
    r.check();
    CostSettings s = env.settings().cost();
    ScheduleSpec schedule = r.schedule();
    Scheduler named = schedule.scheduler();
    BuildOrder asked = schedule.order();
    PackageGraph g = ChangeSpec.pinned(graph, r.pins());
    Scheduler sched = named != null ? named : Scheduler.defaultFor(g.metadata(), s.scheduler());

    Changes changed = null;
    Policy pol = null;
    JobGraph jobs;
    if (r.all()) {
      BuildOrder ord = asked != null ? asked : BuildOrder.defaultFor(g.metadata(), null);
      jobs = JobGraph.all(g, ord);
    } else {
      pol = ChangeSpec.definitePolicy(r.policy(), g, "cost");
      changed = r.change().resolve(g, env);
      BuildOrder ord = asked != null ? asked : BuildOrder.defaultFor(g.metadata(), pol);
      int[] members = pol.rebuildSet(g, changed.nodes()).nodes();
      jobs = JobGraph.of(g, members, ord, pol.orderGraph(g, changed.nodes(), members));
    }
    Workload w = Workload.of(jobs, DurationModel.estimate(g, r.history(), s), s);
    Cluster cluster = r.cluster().load(s);
    List<Integer> curveSizes = schedule.sizes(cluster);
    FailureModel failures = FailureModel.none();
    if (r.failRed()) {
      failures = FailureModel.previouslyRed(g);
    }
    if (r.failureRate() != null) {
      failures = failures.orWorse(FailureModel.uniform(g.nodeCount(), r.failureRate()));
    }
    CostAnalysis.Request request =
        new CostAnalysis.Request(
            w,
            cluster,
            sched,
            schedule.channelSet(),
            failures,
            curveSizes,
            schedule.samples(),
            schedule.seed(s.seed()),
            asked == null);
    CostReport report =
        CostAnalysis.analyze(request, s, parallel(r) ? env.executor() : null, env.progress());
    boolean failuresOn = r.failRed() || r.failureRate() != null;
    return new CostView(report, pol, changed, g.pinNames(), failuresOn, !curveSizes.isEmpty());
  }
}
