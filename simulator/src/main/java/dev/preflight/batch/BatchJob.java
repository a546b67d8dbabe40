package dev.preflight.batch;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.scc.Components;
import dev.preflight.impact.ImpactProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code preflight batch} without the command line: validated rows in, one result per row out, in
 * input order. The caller chooses the {@link Distributor} (and owns its Spark session).
 *
 * <p>Invariants (checked at the end): exactly one result per row, in input order, each carrying its
 * row's id.
 */
public final class BatchJob {
  private BatchJob() {}

  /**
   * Answers every row.
   *
   * @param slices how many slices to cut the rows into; {@code <= 0} for the distributor's default
   */
  public static List<BatchResult> run(
      BatchGraphs graphs,
      List<BatchRow> rows,
      BatchContext context,
      Distributor distributor,
      int slices,
      Progress progress) {
    int k = slices > 0 ? slices : distributor.defaultSlices(rows.size());
    List<List<BatchRow>> cut = Slices.cut(rows, k);
    List<BatchResult> results =
        new ArrayList<>(
            distributor.run(
                "batch",
                graphs.graphs(),
                cut,
                Slices.sizes(cut),
                new ChangeTask(context),
                progress));
    results.sort(Comparator.comparingInt(BatchResult::seq));
    checkInvariants(rows, results);
    return results;
  }

  /**
   * Fails a run whose rows have errors, naming the first bad row's file and line ({@code
   * --strict}).
   *
   * @param file the input file, for the message
   */
  public static void requireNoErrors(List<BatchRow> rows, List<BatchResult> results, String file) {
    for (int i = 0; i < results.size(); i++) {
      BatchResult r = results.get(i);
      if (!r.ok()) {
        long more = results.stream().filter(x -> !x.ok()).count() - 1;
        throw new InputException(
            file,
            "line " + rows.get(i).line(),
            r.error() + (more > 0 ? " (and " + more + " more rows with errors)" : ""));
      }
    }
  }

  /**
   * The impact profile of every node of every graph: graphs in their given order, each graph's rows
   * most dangerous first (rebuild count descending, then direct dependents descending, then name,
   * system and id ascending), as {@code preflight impact --profile} orders them.
   *
   * <p>Invariant (checked): every component of every graph is counted exactly once.
   *
   * @param slices shares per graph; {@code <= 0} for the distributor's default
   */
  public static List<ProfileRow> profile(
      BatchGraphs graphs, Distributor distributor, int slices, Progress progress) {
    List<ProfileTask.Share> shares = new ArrayList<>();
    List<Long> weights = new ArrayList<>();
    for (String label : graphs.labels()) {
      PackageGraph g = graphs.get(label);
      int c = g.components().count();
      int k = Math.max(1, Math.min(c, slices > 0 ? slices : distributor.defaultSlices(c)));
      for (int i = 0; i < k; i++) {
        shares.add(new ProfileTask.Share(label, i, k));
        weights.add((long) (c - i + k - 1) / k);
      }
    }
    List<List<ProfileTask.Share>> cut = Slices.cut(shares, shares.size());
    long[] w = weights.stream().mapToLong(Long::longValue).toArray();
    List<ProfileTask.Counts> parts =
        distributor.run("impact profile", graphs.graphs(), cut, w, new ProfileTask(), progress);
    List<ProfileRow> rows = new ArrayList<>();
    for (String label : graphs.labels()) {
      rows.addAll(profileRows(label, graphs.get(label), parts));
    }
    return rows;
  }

  private static List<ProfileRow> profileRows(
      String label, PackageGraph g, List<ProfileTask.Counts> parts) {
    Components comps = g.components();
    int[] perComponent = new int[comps.count()];
    java.util.Arrays.fill(perComponent, -1);
    for (ProfileTask.Counts part : parts) {
      if (!part.graph().equals(label)) {
        continue;
      }
      for (int i = 0; i < part.components().length; i++) {
        int c = part.components()[i];
        if (perComponent[c] != -1) {
          throw new IllegalStateException("component " + c + " of " + label + " counted twice");
        }
        perComponent[c] = part.counts()[i];
      }
    }
    int n = g.nodeCount();
    int[] count = new int[n];
    int[] direct = new int[n];
    for (int v = 0; v < n; v++) {
      count[v] = perComponent[comps.componentOf(v)];
      if (count[v] < 0) {
        throw new IllegalStateException("node " + g.id(v) + " of " + label + " not counted");
      }
      direct[v] = g.dependentCount(v);
    }
    // ImpactProfile checks the counts and orders the rows as preflight impact --profile does.
    List<ProfileRow> rows = new ArrayList<>(n);
    for (ImpactProfile.Row r : new ImpactProfile(count, direct).rows(g)) {
      rows.add(new ProfileRow(label, r.name(), r.system(), r.rebuildCount(), r.directDependents()));
    }
    return rows;
  }

  private static void checkInvariants(List<BatchRow> rows, List<BatchResult> results) {
    if (rows.size() != results.size()) {
      throw new IllegalStateException(rows.size() + " rows but " + results.size() + " results");
    }
    for (int i = 0; i < rows.size(); i++) {
      if (results.get(i).seq() != rows.get(i).seq()
          || !results.get(i).id().equals(rows.get(i).id())) {
        throw new IllegalStateException("result " + i + " does not answer row " + i);
      }
    }
  }
}
