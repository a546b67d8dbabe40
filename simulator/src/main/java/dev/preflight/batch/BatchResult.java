package dev.preflight.batch;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer for one input row, computed once by {@link RowEvaluator}; {@link BatchTable} only
 * renders it. A row whose change could not be resolved carries {@code error} and no numbers.
 *
 * @param seq the input row's position: results are sorted by it
 * @param id the input row's id
 * @param graph the graph label the row ran on
 * @param policy the propagation policy
 * @param changed the resolved changed names, sorted (empty on error)
 * @param rebuildCount nodes that rebuild, changed nodes included; null on error
 * @param bySystem rebuilt nodes per system, every system of the graph listed; empty on error
 * @param error why the row has no answer (unknown names with the closest known ones), else null
 */
public record BatchResult(
    int seq,
    String id,
    String graph,
    String policy,
    List<String> changed,
    Integer rebuildCount,
    Map<String, Integer> bySystem,
    String error)
    implements Serializable {

  public BatchResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(policy, "policy");
    changed = List.copyOf(changed);
    bySystem = Collections.unmodifiableMap(new LinkedHashMap<>(bySystem));
    if ((error == null) == (rebuildCount == null)) {
      throw new IllegalArgumentException("a result has either numbers or an error");
    }
  }

  /** The result of a row that could not be answered. */
  public static BatchResult failed(BatchRow row, String error) {
    return new BatchResult(
        row.seq(), row.id(), row.graph(), row.policy(), List.of(), null, Map.of(), error);
  }

  public boolean ok() {
    return error == null;
  }
}
