package dev.preflight.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The slice task of {@code preflight batch}: one {@link RowEvaluator} per graph the slice's rows
 * name, each row answered in order. The {@link BatchContext} travels with the task and is bound
 * once per executor JVM.
 */
final class ChangeTask implements SliceTask<BatchRow, BatchResult> {
  private static final long serialVersionUID = 1L;

  private final BatchContext context;

  ChangeTask(BatchContext context) {
    this.context = context;
  }

  @Override
  public List<BatchResult> run(List<BatchRow> slice, GraphSource graphs) {
    Map<String, RowEvaluator> evaluators = new HashMap<>();
    List<BatchResult> out = new ArrayList<>(slice.size());
    for (BatchRow row : slice) {
      RowEvaluator e =
          evaluators.computeIfAbsent(
              row.graph(), label -> new RowEvaluator(graphs.graph(label), context));
      out.add(e.evaluate(row));
    }
    return out;
  }
}
