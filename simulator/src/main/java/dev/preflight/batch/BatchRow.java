package dev.preflight.batch;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One input row of a batch: one change, validated on the driver. Defaults are filled in by {@link
 * ChangesInput}, so every row names its graph and policy.
 *
 * @param seq position in the input (0-based): the output keeps this order
 * @param line line of the input file the row starts on (1-based), for error messages
 * @param id the caller's key for the change, unique within the input
 * @param changes the changed names, ids or globs, as for {@code preflight impact --change}
 * @param policy propagation policy name, lower case
 * @param graph label of the graph the row runs on
 */
public record BatchRow(
    int seq, int line, String id, List<String> changes, String policy, String graph)
    implements Serializable {

  public BatchRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(graph, "graph");
    changes = List.copyOf(changes);
    if (seq < 0 || line < 1) {
      throw new IllegalArgumentException("seq must be >= 0 and line >= 1");
    }
    if (id.isEmpty() || changes.isEmpty()) {
      throw new IllegalArgumentException("a batch row needs an id and at least one change");
    }
  }
}
