package dev.preflight.batch;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.impact.ChangeResolver;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The graphs of one batch, by label, in the order given; rows that name no graph use the first.
 *
 * @param graphs label to graph; labels match {@code [A-Za-z0-9][A-Za-z0-9._+-]*}
 */
public record BatchGraphs(Map<String, PackageGraph> graphs) {
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

  public BatchGraphs {
    if (graphs.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one graph");
    }
    for (String label : graphs.keySet()) {
      checkLabel(label);
    }
    graphs = Collections.unmodifiableMap(new LinkedHashMap<>(graphs));
  }

  /** One graph under one label. */
  public static BatchGraphs of(String label, PackageGraph graph) {
    return new BatchGraphs(Map.of(label, graph));
  }

  /**
   * Checks a label's spelling.
   *
   * @throws InputException naming the label
   */
  public static String checkLabel(String label) {
    if (label == null || !LABEL.matcher(label).matches()) {
      throw InputException.of(
          "bad graph label '"
              + label
              + "' (letters, digits and . _ + - only, starting with a letter or digit)");
    }
    return label;
  }

  /**
   * Every graph pinned at the nodes {@code pins} name ({@link PackageGraph#withPins}; names resolve
   * as changes do, in each graph on its own), or this batch itself without pins. The pinned views
   * are what the engines see, locally and, through their snapshots, on every executor.
   *
   * @throws InputException for a name unknown in some graph, naming the graph and the closest names
   */
  public BatchGraphs withPins(List<String> pins) {
    if (pins.isEmpty()) {
      return this;
    }
    Map<String, PackageGraph> pinned = new LinkedHashMap<>();
    graphs.forEach(
        (label, g) -> {
          int[] nodes;
          try {
            nodes = new ChangeResolver(g).resolve(pins).nodes();
          } catch (InputException e) {
            throw new InputException(
                e.source(), e.location(), "--pin (graph '" + label + "'): " + e.problem(), e);
          }
          pinned.put(label, g.withPins(nodes));
        });
    return new BatchGraphs(pinned);
  }

  /**
   * Each pinned graph's pin names ({@link PackageGraph#pinNames}), by label; empty without pins.
   */
  public Map<String, List<String>> pinNames() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    graphs.forEach(
        (label, g) -> {
          if (g.pins().length > 0) {
            out.put(label, g.pinNames());
          }
        });
    return out;
  }

  /** The label rows without a {@code graph} use. */
  public String defaultLabel() {
    return graphs.keySet().iterator().next();
  }

  public List<String> labels() {
    return List.copyOf(graphs.keySet());
  }

  public boolean has(String label) {
    return graphs.containsKey(label);
  }

  /** The graph with this label, or an {@link InputException} listing the labels. */
  public PackageGraph get(String label) {
    PackageGraph g = graphs.get(label);
    if (g == null) {
      throw InputException.of(unknownLabel(label));
    }
    return g;
  }

  String unknownLabel(String label) {
    return dev.preflight.graph.Names.unknownMessage(
        "graph", label, java.util.List.copyOf(graphs.keySet()));
  }
}
