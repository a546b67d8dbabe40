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
 * @param fits whether the rebuild fits the deadline on the cluster ({@link #fits(double,
 *     CostReport.Samples, double)}: the makespan with expected durations, or with {@code --samples}
 *     the p90 of the sampled makespans)
 * @param smallestFittingSize the smallest cluster multiple that fits by the same rule, or null
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
    if (fits != fits(cost.makespanSeconds(), cost.samples(), deadlineSeconds)) {
      throw new IllegalArgumentException("verdict disagrees with the makespan");
    }
  }

  /** The share of the cluster's sampled runs that end within the deadline, or null unsampled. */
  public Double probabilityWithinDeadline() {
    CostReport.Samples s = cost.samples();
    return s == null ? null : s.shareWithin(deadlineSeconds);
  }

  /** One line for a missed deadline ({@code --fail-if-deadline-missed}), by the verdict's rule. */
  public String missedDeadline() {
    CostReport.Samples s = cost.samples();
    if (s == null) {
      return "the rebuild takes "
          + Fmt.hours(cost.makespanSeconds())
          + ", over the "
          + Fmt.hours(deadlineSeconds)
          + " deadline";
    }
    return Fmt.format(
        "the sampled p90 makespan %s is over the %s deadline (%,d of %,d runs within it)",
        Fmt.hours(s.makespanP90()),
        Fmt.hours(deadlineSeconds),
        s.within(deadlineSeconds),
        s.count());
  }

  /**
   * The verdict's rule. Without samples: the makespan with expected durations is within the
   * deadline. With samples: at least 90% of the sampled runs end within it, i.e. the nearest-rank
   * p90 makespan is within it (for {@code n} runs the p90 is the {@code ceil(0.9 n)}-th smallest).
   * The expected-duration makespan alone underestimates a sampled round, which ends with its
   * longest draw (zlib on the bundled Debian graph: 3.6 h expected, a p50 of 6.4 h over 20
   * samples). A schedule commits at a high percentile of the Monte Carlo distribution, the p50
   * being a coin toss; pessimistic commitments are "commonly set at 75, 80, or even 90% probability
   * of success" (PMI, "Monte Carlo analysis for product development", pmi.org/learning/library/
   * monte-carlo-analysis-product-development-7862); 90% is the upper edge the report's bands
   * already draw.
   */
  public static boolean fits(double makespanSeconds, CostReport.Samples s, double deadline) {
    return s == null ? makespanSeconds <= deadline : s.makespanP90() <= deadline;
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
    boolean fits = fits(cost.makespanSeconds(), cost.samples(), deadlineSeconds);
    Integer smallest = null;
    for (CostReport.CurvePoint p : cost.curve()) {
      if (fits(p.makespanSeconds(), cost.samples() == null ? null : p.samples(), deadlineSeconds)) {
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

  /**
   * The verdict sentence for people. With samples it leads with the sampled distribution (runs
   * within the deadline, p50, p90), keeps the expected-duration makespan beside it, and names the
   * rule ({@link #fits(double, CostReport.Samples, double)}); without samples it is the sentence of
   * the expected durations alone.
   */
  public static String verdictText(
      CostReport cost, double deadlineSeconds, boolean fits, Integer smallestFittingSize) {
    if (cost.samples() != null) {
      return sampledVerdict(cost, deadlineSeconds, fits, smallestFittingSize);
    }
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
      CostReport.CurvePoint c = point(cost, smallestFittingSize);
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

  private static String sampledVerdict(
      CostReport cost, double deadlineSeconds, boolean fits, Integer smallestFittingSize) {
    CostReport.Samples s = cost.samples();
    int within = s.within(deadlineSeconds);
    String head =
        Fmt.format(
            "%s: %,d of %,d sampled runs (%s) end within the %s deadline on %s (p50 %s, p90 %s;"
                + " %s with expected durations; rule: fits when the p90 is within the deadline)",
            fits ? "fits" : "does not fit",
            within,
            s.count(),
            percent(within, s.count()),
            Fmt.hours(deadlineSeconds),
            cost.cluster(),
            Fmt.hours(s.makespanP50()),
            Fmt.hours(s.makespanP90()),
            Fmt.hours(cost.makespanSeconds()));
    if (fits) {
      return head;
    }
    if (smallestFittingSize != null) {
      CostReport.CurvePoint c = point(cost, smallestFittingSize);
      return head
          + Fmt.format(
              "; the smallest cluster that fits is %dx this one (%d machines at most, %d slots):"
                  + " p90 %s, cost p50 %s",
              c.size(),
              c.machines(),
              c.slots(),
              Fmt.hours(c.samples() == null ? c.makespanSeconds() : c.samples().makespanP90()),
              Fmt.money(c.samples() == null ? c.cost() : c.samples().costP50(), cost.currency()));
    }
    if (cost.curve().isEmpty()) {
      return head;
    }
    CostReport.CurvePoint largest = cost.curve().get(cost.curve().size() - 1);
    return head
        + Fmt.format(
            "; even %dx the cluster misses it (p90 %s there)",
            largest.size(),
            Fmt.hours(
                largest.samples() == null
                    ? largest.makespanSeconds()
                    : largest.samples().makespanP90()));
  }

  /** {@code within / count} as a whole percent, rounded down so that 100% means every run. */
  private static String percent(int within, int count) {
    return (count == 0 ? 0 : (long) within * 100 / count) + "%";
  }

  private static CostReport.CurvePoint point(CostReport cost, int size) {
    return cost.curve().stream().filter(x -> x.size() == size).findFirst().orElseThrow();
  }
}
