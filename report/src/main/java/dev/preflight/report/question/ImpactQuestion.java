package dev.preflight.report.question;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.impact.ChangeResolver;
import dev.preflight.impact.Changes;
import dev.preflight.impact.CutoffSimulation;
import dev.preflight.impact.ImpactAnalysis;
import dev.preflight.impact.ImpactReport;
import dev.preflight.impact.Policy;
import dev.preflight.impact.SnapshotDiff;
import dev.preflight.report.Fmt;
import dev.preflight.settings.ImpactSettings;
import java.util.List;
import java.util.stream.IntStream;

/** {@code preflight impact} for a change, and {@code GET /v1/impact}, {@code /v1/labels}. */
public final class ImpactQuestion {
  private ImpactQuestion() {}

  /**
   * @param change the named change (may be empty when {@code diff} gives one)
   * @param pins the bootstrap cut
   * @param policy a policy name, or null for the graph's own
   * @param cutoffTrials cutoff's Monte Carlo trials ({@code --cutoff-trials}), or null for the
   *     settings'
   * @param seed cutoff's seed, or null for the settings'
   * @param diff a snapshot diff whose changed nodes join the change, or null; its after graph is
   *     the graph the question runs on
   */
  public record Request(
      ChangeSpec change,
      List<String> pins,
      String policy,
      Integer cutoffTrials,
      Long seed,
      SnapshotDiff diff) {
    public Request {
      pins = pins == null ? List.of() : List.copyOf(pins);
    }

    /** Fails on out-of-range values and a missing change, before the graph is touched. */
    public void check() {
      checkCutoffTrials(cutoffTrials);
      if (policy != null) {
        Policy.parse(policy);
      }
      if (!change.given() && diff == null) {
        throw InputException.of(
            "name a change: --change NAME, --changes-file FILE or --before/--after (or use"
                + " --profile)");
      }
    }
  }

  /** Fails unless {@code trials} is absent or within what {@link CutoffSimulation} runs. */
  public static void checkCutoffTrials(Integer trials) {
    if (trials != null && (trials < 1 || trials > CutoffSimulation.MAX_SAMPLES)) {
      throw InputException.of(
          Fmt.format(
              "--cutoff-trials must be between 1 and %,d, got %d",
              CutoffSimulation.MAX_SAMPLES, trials));
    }
  }

  /**
   * The answer: the graph the closure ran on (pinned when asked) and the report.
   *
   * @param graph the graph as pinned
   * @param report the impact report
   */
  public record Answer(PackageGraph graph, ImpactReport report) {}

  /** Answers {@code r} on {@code graph} (unpinned; the pins are applied here). */
  public static Answer answer(PackageGraph graph, Request r, Env env) {
    r.check();
    ImpactSettings settings = env.settings().impact();
    // After the snapshot diff: the diff compares the graphs as they are, the closure runs on the
    // cut.
    PackageGraph g = ChangeSpec.pinned(graph, r.pins());
    Changes named =
        r.change().given() ? r.change().resolve(g, env) : ChangeResolver.changesOf(g, new int[0]);
    Changes resolved = named;
    if (r.diff() != null) {
      int[] seeds =
          IntStream.concat(IntStream.of(named.nodes()), IntStream.of(r.diff().seeds())).toArray();
      resolved = ChangeResolver.changesOf(g, seeds);
    }
    Policy pol = r.policy() != null ? Policy.parse(r.policy()) : Policy.defaultFor(g);
    ImpactAnalysis analysis = new ImpactAnalysis(g, settings, env.executor(), env.threads());
    ImpactReport report =
        analysis.analyze(
            resolved,
            pol,
            r.cutoffTrials() != null ? r.cutoffTrials() : settings.cutoffSamples(),
            r.seed() != null ? r.seed() : settings.seed());
    return new Answer(g, report);
  }

  /** The label lines of {@code impact --labels} and {@code plan --labels}, one per line. */
  public static String labelsText(List<String> labels) {
    return String.join("\n", labels) + "\n";
  }
}
