package dev.preflight.risk;

import dev.preflight.settings.RiskSettings;
import java.util.Arrays;

/**
 * Which builds to run first to <b>find</b> new failures fast: an order of the at-risk population by
 * expected failures revealed per CPU-hour.
 *
 * <p>Building {@code v} reveals a failure when {@code v}'s own build fails while its inputs build
 * (probability {@code root(v)} from the model); then every rebuilt dependent of {@code v} is known
 * to be "dependency failed" too, as Hydra marks them without building. So the gain of {@code v} is
 * {@code root(v) * (1 + D(v))}, {@code D(v)} the number of at-risk nodes among {@code v}'s rebuilt
 * dependents (transitively). {@code D} is counted exactly for the {@code buildFirstCandidates}
 * nodes with the highest {@code root}; for the others it is taken as 0 (a lower bound — their
 * {@code root} is smaller anyway). The order is by {@code gain / hours(v)}, {@code v}'s own build
 * hours (the rebuilt inputs it needs are shared with other entries and mostly built by earlier
 * ones; dividing by the hours of its longest chain of inputs instead found fewer failures in the
 * calibration harness), ties by failure probability, then node index.
 *
 * <p>The printed list walks that order and keeps each entry whose build, with the rebuilt inputs
 * not yet built by earlier entries, still fits in the budget ({@code --budget-hours}, else {@code
 * buildFirstCpuShare} of the rebuild's CPU-hours); an entry that does not fit is skipped, and the
 * walk stops after {@code buildFirstMaxLength} builds or as many skips in a row. The first entry is
 * always kept. The list is printed in build order: each entry after the inputs it needs. Cost
 * {@code O(M (R + E_R) + R log R)} for {@code M} candidates, plus the walk. Stateless and
 * thread-safe.
 */
public final class BuildFirst {
  private BuildFirst() {}

  /**
   * The list to build, in build order, and its CPU-hours.
   *
   * @param nodes every build of the list in an order that respects dependencies: each chosen entry
   *     preceded by the rebuilt inputs it needs that no earlier entry built
   * @param targets the chosen entries themselves, in choice order (a subset of {@code nodes})
   * @param hours CPU-hours of {@code nodes}
   * @param budgetHours the budget the list was fitted into
   * @param totalHours CPU-hours of the whole rebuild set
   */
  public record Result(
      int[] nodes, int[] targets, double hours, double budgetHours, double totalHours) {
    public Result {
      nodes = nodes.clone();
      targets = targets.clone();
    }

    @Override
    public int[] nodes() {
      return nodes.clone();
    }

    @Override
    public int[] targets() {
      return targets.clone();
    }
  }

  /**
   * The full build-first order of the at-risk population, as graph nodes (the calibration harness
   * measures it).
   */
  public static int[] orderedNodes(
      RiskScores scores, BuildDurations durations, RiskSettings settings) {
    int[] local = order(scores, durations, settings);
    int[] out = new int[local.length];
    for (int j = 0; j < local.length; j++) {
      out[j] = scores.node(local[j]);
    }
    return out;
  }

  /** The full order of the at-risk population as local indexes. */
  static int[] order(RiskScores scores, BuildDurations durations, RiskSettings settings) {
    RebuildDag dag = scores.dag;
    int n = scores.size();
    int population = 0;
    for (int i = 0; i < n; i++) {
      population += scores.atRisk(i) ? 1 : 0;
    }
    Integer[] byRoot = new Integer[population];
    int c = 0;
    for (int i = 0; i < n; i++) {
      if (scores.atRisk(i)) {
        byRoot[c++] = i;
      }
    }
    Arrays.sort(
        byRoot,
        (a, b) -> {
          int r = Double.compare(scores.root(b), scores.root(a));
          return r != 0 ? r : Integer.compare(a, b);
        });
    double[] gain = new double[n];
    for (int i = 0; i < n; i++) {
      gain[i] = scores.root(i);
    }
    int candidates = Math.min(population, settings.buildFirstCandidates());
    int[] stamp = new int[n];
    Arrays.fill(stamp, -1);
    int[] stack = new int[n];
    for (int r = 0; r < candidates; r++) {
      int i = byRoot[r];
      // At-risk nodes among i's rebuilt dependents, transitively (the edges of the rebuild DAG).
      long dependents = 0;
      int sp = 0;
      stack[sp++] = i;
      stamp[i] = r;
      while (sp > 0) {
        int x = stack[--sp];
        for (int p = dag.edges.dependentsStart(x); p < dag.edges.dependentsEnd(x); p++) {
          int y = dag.edges.dependent(p);
          if (stamp[y] != r) {
            stamp[y] = r;
            dependents += scores.atRisk(y) ? 1 : 0;
            stack[sp++] = y;
          }
        }
      }
      gain[i] = scores.root(i) * (1 + dependents);
    }
    double[] ratio = new double[n];
    for (int i = 0; i < n; i++) {
      ratio[i] = gain[i] / (durations.seconds(scores.node(i)) / 3600.0);
    }
    Integer[] order = Arrays.copyOf(byRoot, population);
    Arrays.sort(
        order,
        (a, b) -> {
          int r = Double.compare(ratio[b], ratio[a]);
          if (r != 0) {
            return r;
          }
          r = Double.compare(scores.failure(b), scores.failure(a));
          return r != 0 ? r : Integer.compare(a, b);
        });
    int[] out = new int[population];
    for (int j = 0; j < population; j++) {
      out[j] = order[j];
    }
    return out;
  }

  /**
   * The build-first list within {@code budgetHours} CPU-hours (NaN: the settings' share of the
   * rebuild's CPU-hours).
   */
  public static Result of(
      RiskScores scores, BuildDurations durations, RiskSettings settings, double budgetHours) {
    RebuildDag dag = scores.dag;
    double[] hours = dag.hours(durations);
    double total = 0;
    for (double h : hours) {
      total += h;
    }
    double budget = Double.isNaN(budgetHours) ? settings.buildFirstCpuShare() * total : budgetHours;
    int[] order = order(scores, durations, settings);
    boolean[] built = new boolean[dag.size];
    int[] stack = new int[dag.size];
    int[] seen = new int[dag.size];
    Arrays.fill(seen, -1);
    int max = settings.buildFirstMaxLength();
    int[] needed = new int[dag.size];
    int[] list = new int[Math.min(scores.size(), max)];
    int[] targets = new int[list.length];
    int length = 0;
    int chosen = 0;
    int skipped = 0;
    double spent = 0;
    for (int q = 0; q < order.length && skipped < max; q++) {
      int i = order[q];
      int count = dag.collect(i, built, seen, q, stack, needed);
      double h = 0;
      for (int j = 0; j < count; j++) {
        h += hours[needed[j]];
      }
      if (chosen > 0 && (spent + h > budget || length + count > list.length)) {
        skipped++;
        continue;
      }
      skipped = 0;
      spent += h;
      for (int j = 0; j < count && length < list.length; j++) {
        built[needed[j]] = true;
        list[length++] = scores.node(needed[j]);
      }
      targets[chosen++] = scores.node(i);
      if (length == list.length) {
        break;
      }
    }
    return new Result(
        Arrays.copyOf(list, length), Arrays.copyOf(targets, chosen), spent, budget, total);
  }
}
