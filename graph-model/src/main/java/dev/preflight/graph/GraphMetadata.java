package dev.preflight.graph;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Facts about how a graph was made, carried with it through every format.
 *
 * @param source free text: which input produced the graph (e.g. {@code debian Sources+Packages
 *     bookworm amd64})
 * @param selfLoopsDropped self-edges the builder dropped
 * @param duplicateEdgesMerged repeated edges the builder merged into one
 * @param unresolved names an importer could not resolve to any node, sorted; counted in {@code
 *     stats}
 * @param properties other key/value facts (importer options, generator seed), sorted by key
 */
public record GraphMetadata(
    String source,
    long selfLoopsDropped,
    long duplicateEdgesMerged,
    List<String> unresolved,
    Map<String, String> properties) {

  public GraphMetadata {
    source = source == null ? "" : source;
    unresolved = unresolved == null ? List.of() : List.copyOf(unresolved);
    properties =
        properties == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
    if (selfLoopsDropped < 0 || duplicateEdgesMerged < 0) {
      throw new IllegalArgumentException("negative counts in graph metadata");
    }
  }

  /**
   * The distribution whose rebuild practice applies to this graph ({@code debian}, {@code nix}),
   * from the {@code distribution} property, else from the {@code importer} property; {@code
   * generic} when neither says. Defaults follow it (DESIGN.md §2: the default policy, how a round
   * is scheduled, how failures propagate).
   */
  public String distribution() {
    String d = properties.get("distribution");
    if (d == null || d.isBlank()) {
      d = properties.get("importer");
    }
    return d == null || d.isBlank() ? "generic" : d;
  }

  public static GraphMetadata empty() {
    return new GraphMetadata("", 0, 0, List.of(), Map.of());
  }
}
