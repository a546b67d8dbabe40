package dev.preflight.batch;

import dev.preflight.graph.InputException;
import dev.preflight.graph.Progress;
import dev.preflight.settings.Settings;
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
      Settings settings,
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
                new ChangeTask(settings),
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
