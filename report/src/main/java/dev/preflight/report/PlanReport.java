package dev.preflight.report;

import dev.preflight.cost.CostReport;
import dev.preflight.cost.Durations;
import dev.preflight.cost.JobGraph;
import dev.preflight.cost.Run;
import dev.preflight.graph.PackageGraph;
import dev.preflight.impact.Changes;
import dev.preflight.impact.ImpactReport;
import dev.preflight.impact.Policy;
import dev.preflight.impact.RebuildSet;
import dev.preflight.plan.PlanAnalysis;
import dev.preflight.risk.RiskReport;
import dev.preflight.risk.RiskScores;
import dev.preflight.settings.Settings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The one result of {@code preflight plan}, computed once; every {@link PlanFormat} renders it and
 * none recomputes anything.
 *
 * @param graph the graph the change was resolved against (names of the build-first list)
 * @param policy the propagation policy
 * @param changes the resolved change
 * @param impact the impact report
 * @param cost the cost report on the cluster, with the curve over the plan's cluster sizes
 * @param risk the risk report with what its renderers need
 * @param deadlineSeconds the deadline the rebuild must fit in
 * @param fits whether the makespan on the cluster is within the deadline
 * @param smallestFittingSize the smallest cluster multiple whose makespan fits, or null
 * @param verdict the verdict sentence for people
 * @param nodes one row per rebuilt node, ordered by name, system, id
 */
public record PlanReport(
    PackageGraph graph,
    Policy policy,
    Changes changes,
    ImpactReport impact,
    CostReport cost,
    RiskView risk,
    double deadlineSeconds,
    boolean fits,
    Integer smallestFittingSize,
    String verdict,
    List<Node> nodes) {

  public static final int SCHEMA_VERSION = 1;

  public PlanReport {
    Objects.requireNonNull(verdict);
    nodes = List.copyOf(nodes);
    if (nodes.size() != impact.set().size()) {
      throw new IllegalArgumentException(
          nodes.size() + " node rows for a rebuild set of " + impact.set().size());
    }
    if (!(deadlineSeconds > 0)) {
      throw new IllegalArgumentException("deadline must be positive");
    }
    if (fits != (cost.makespanSeconds() <= deadlineSeconds)) {
      throw new IllegalArgumentException("verdict disagrees with the makespan");
    }
  }

  /**
   * One rebuilt node.
   *
   * @param id the node's id
   * @param name its name
   * @param system its system
   * @param distance edges from the nearest changed node (0: changed itself)
   * @param durationSeconds the expected build seconds at speed 1 the schedule used
   * @param durationSource where that estimate comes from ({@code history}, {@code graph}, {@code
   *     size}, {@code default})
   * @param startSeconds when its build started in the simulated schedule on the cluster
   * @param finishSeconds when its build finished
   * @param criticalPath whether it is on the duration-weighted critical path
   * @param riskClass {@code newlyAtRisk}, {@code alreadyBroken} or {@code unknown}
   * @param failureProbability probability it does not build (own failure or a failed input)
   * @param buildFirstRank its 1-based position in the build-first list, or null
   * @param sampleRank its 1-based position in the breakage-rate sample, or null
   */
  public record Node(
      String id,
      String name,
      String system,
      int distance,
      double durationSeconds,
      String durationSource,
      double startSeconds,
      double finishSeconds,
      boolean criticalPath,
      String riskClass,
      double failureProbability,
      Integer buildFirstRank,
      Integer sampleRank) {
    public Node {
      if (distance < 0 || !(durationSeconds >= 0) || !(finishSeconds >= startSeconds)) {
        throw new IllegalArgumentException("inconsistent node row for " + id);
      }
      if (!(failureProbability >= 0 && failureProbability <= 1)) {
        throw new IllegalArgumentException("failure probability outside [0, 1] for " + id);
      }
    }
  }

  /** The report of a pipeline result against a deadline. */
  public static PlanReport of(PlanAnalysis.Result r, double deadlineSeconds, Settings settings) {
    CostReport cost = r.cost();
    boolean fits = cost.makespanSeconds() <= deadlineSeconds;
    Integer smallest = null;
    for (CostReport.CurvePoint p : cost.curve()) {
      if (p.makespanSeconds() <= deadlineSeconds) {
        smallest = p.size();
        break;
      }
    }
    return new PlanReport(
        r.graph(),
        r.policy(),
        r.changes(),
        r.impact(),
        cost,
        new RiskView(
            r.graph(), r.policy(), r.changes(), r.risk(), r.history(), settings.risk(), false),
        deadlineSeconds,
        fits,
        smallest,
        verdictText(cost, deadlineSeconds, fits, smallest),
        nodes(
            r.graph(), r.set(), r.workload().jobs(), r.durations(), r.schedule(), cost, r.risk()));
  }

  /**
   * Joins the per-node answers of the three engines into rows.
   *
   * @param set the rebuild set (distances)
   * @param jobs the job graph the schedule ran on
   * @param durations the duration estimates the schedule used
   * @param schedule a run of the cluster's simulation with the expected durations and no failures:
   *     the same run the cost report's makespan comes from
   */
  public static List<Node> nodes(
      PackageGraph g,
      RebuildSet set,
      JobGraph jobs,
      Durations durations,
      Run schedule,
      CostReport cost,
      RiskReport risk) {
    RiskScores s = risk.scores();
    int[] bfRank = rank(g.nodeCount(), risk.buildFirst().nodes());
    int[] sampleRank = rank(g.nodeCount(), risk.plan().sample());
    Set<String> critical = new HashSet<>();
    for (CostReport.PathStep p : cost.criticalPath()) {
      critical.add(p.id());
    }
    List<Node> rows = new ArrayList<>(set.size());
    for (int i = 0; i < set.size(); i++) {
      int v = set.node(i);
      int job = jobs.jobOfNode(v);
      int k = s.scope().indexOf(v);
      rows.add(
          new Node(
              g.id(v),
              g.name(v),
              g.system(v),
              set.distanceAt(i),
              durations.point(v),
              durations.source(v).label(),
              schedule.start()[job],
              schedule.finish()[job],
              critical.contains(g.id(v)),
              s.riskClass(k).key(),
              s.failure(k),
              bfRank[v] == 0 ? null : bfRank[v],
              sampleRank[v] == 0 ? null : sampleRank[v]));
    }
    rows.sort(Comparator.comparing(Node::name).thenComparing(Node::system).thenComparing(Node::id));
    double last = rows.stream().mapToDouble(Node::finishSeconds).max().orElse(0);
    if (Math.abs(last - cost.makespanSeconds()) > 1e-6 * Math.max(1, last)) {
      throw new IllegalStateException(
          Fmt.format(
              "schedule ends at %.3f s but the cost report's makespan is %.3f s",
              last, cost.makespanSeconds()));
    }
    return rows;
  }

  private static int[] rank(int nodeCount, int[] order) {
    int[] rank = new int[nodeCount];
    for (int j = 0; j < order.length; j++) {
      if (rank[order[j]] == 0) {
        rank[order[j]] = j + 1;
      }
    }
    return rank;
  }

  /** The verdict sentence for people. */
  public static String verdictText(
      CostReport cost, double deadlineSeconds, boolean fits, Integer smallestFittingSize) {
    String took = Fmt.hours(cost.makespanSeconds());
    if (fits) {
      return "fits: the rebuild takes "
          + took
          + " on "
          + cost.cluster()
          + ", within the "
          + Fmt.hours(deadlineSeconds)
          + " deadline";
    }
    if (smallestFittingSize != null) {
      CostReport.CurvePoint c =
          cost.curve().stream()
              .filter(x -> x.size() == smallestFittingSize)
              .findFirst()
              .orElseThrow();
      return Fmt.format(
          "does not fit: the rebuild takes %s on %s, over the %s deadline; the smallest cluster"
              + " that fits is %dx this one (%d machines at most, %d slots): %s, %s",
          took,
          cost.cluster(),
          Fmt.hours(deadlineSeconds),
          c.size(),
          c.machines(),
          c.slots(),
          Fmt.hours(c.makespanSeconds()),
          Fmt.money(c.cost(), cost.currency()));
    }
    return "does not fit: the rebuild takes "
        + took
        + " on "
        + cost.cluster()
        + ", and even "
        + cost.curve().get(cost.curve().size() - 1).size()
        + "x the cluster misses the "
        + Fmt.hours(deadlineSeconds)
        + " deadline (critical path "
        + Fmt.hours(cost.criticalPathSeconds())
        + ")";
  }
}
