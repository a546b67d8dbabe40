package dev.preflight.batch;

import java.io.Serializable;
import java.util.Objects;

/**
 * One row of {@code preflight batch --profile}: how many nodes rebuild under {@code transitive} if
 * this node alone changes (itself included), and how many nodes need it directly.
 *
 * @param graph the graph label
 * @param name the node's name
 * @param system the node's system
 * @param rebuildCount transitive rebuild count, {@code >= 1}
 * @param directDependents direct dependents, {@code < rebuildCount}
 */
public record ProfileRow(
    String graph, String name, String system, int rebuildCount, int directDependents)
    implements Serializable {

  public ProfileRow {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(system, "system");
    if (rebuildCount < 1 || directDependents < 0 || directDependents >= rebuildCount) {
      throw new IllegalArgumentException(
          "impossible profile row " + name + ": " + rebuildCount + ", " + directDependents);
    }
  }
}
