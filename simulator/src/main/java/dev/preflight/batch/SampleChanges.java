package dev.preflight.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.graph.PackageGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A seeded, reproducible stream of change rows over a graph, shaped like a repository's merged pull
 * requests: so {@code preflight batch} can be tried and benchmarked with no other input.
 *
 * <p>Shape (each row): the package names of the graph are visited in a seeded random order, each
 * once per round (so with {@code rows} = the number of names, every package is changed exactly
 * once; most packages of a real graph are leaves, so most rows are leaf changes and a few are core
 * changes, as in a real PR stream). With probability {@value #CO_CHANGE_PERCENT}% the row also
 * changes the package's most specific direct input (the one with the fewest dependents: a bump
 * together with its own library, not with the toolchain). With probability {@value #STALE_PERCENT}%
 * one name is replaced by a stale spelling ({@code name-legacy}), as a historical PR naming a
 * since-renamed package would, which exercises the error column. Policies: {@value
 * #DIRECT_PERCENT}% {@code direct}, {@value #LOCAL_PERCENT}% {@code local}, the rest name none (the
 * default).
 *
 * <p>Deterministic: the same graph, row count and seed give the same text, byte for byte.
 */
public final class SampleChanges {
  static final int CO_CHANGE_PERCENT = 15;
  static final int STALE_PERCENT = 1;
  static final int DIRECT_PERCENT = 10;
  static final int LOCAL_PERCENT = 5;

  /**
   * Rows at most: the text is built in memory (about 70 bytes a row), and nixpkgs merges some
   * 40,000 pull requests a year, so a million rows is decades of them.
   */
  public static final int MAX_ROWS = 1_000_000;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SampleChanges() {}

  /**
   * JSON lines with {@code rows} changes over {@code graph}.
   *
   * @param rows number of rows; {@code <= 0} for one per distinct package name
   */
  public static String jsonLines(PackageGraph graph, int rows, long seed) {
    String[] names = distinctNames(graph);
    if (names.length == 0) {
      throw new IllegalArgumentException("the graph has no nodes");
    }
    if (rows > MAX_ROWS) {
      throw new IllegalArgumentException("rows must be <= " + MAX_ROWS + ", got " + rows);
    }
    int n = rows <= 0 ? names.length : rows;
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder();
    int width = Math.max(5, Integer.toString(n).length());
    String[] order = names.clone();
    int next = order.length;
    for (int i = 0; i < n; i++) {
      if (next == order.length) {
        shuffle(order, random);
        next = 0;
      }
      String primary = order[next++];
      List<String> changes = new ArrayList<>();
      changes.add(primary);
      if (random.nextInt(100) < CO_CHANGE_PERCENT) {
        String input = someInput(graph, primary, random);
        if (input != null && !input.equals(primary)) {
          changes.add(input);
        }
      }
      if (random.nextInt(100) < STALE_PERCENT) {
        changes.set(0, primary + "-legacy");
      }
      int p = random.nextInt(100);
      String policy =
          p < DIRECT_PERCENT ? "direct" : p < DIRECT_PERCENT + LOCAL_PERCENT ? "local" : null;
      ObjectNode row = MAPPER.createObjectNode();
      row.put("id", String.format(Locale.ROOT, "c%0" + width + "d", i + 1));
      row.putPOJO("changes", changes);
      if (policy != null) {
        row.put("policy", policy);
      }
      sb.append(row).append('\n');
    }
    return sb.toString();
  }

  private static String[] distinctNames(PackageGraph graph) {
    TreeSet<String> names = new TreeSet<>();
    for (int v = 0; v < graph.nodeCount(); v++) {
      names.add(graph.name(v));
    }
    return names.toArray(new String[0]);
  }

  /**
   * The name of the most specific direct input of a random node named {@code name} (fewest
   * dependents, ties broken at random): a library bumped together with its one consumer, not the
   * toolchain everything needs. Null for a node without inputs.
   */
  private static String someInput(PackageGraph graph, String name, SplittableRandom random) {
    int[] nodes = graph.nodesNamed(name);
    int v = nodes[random.nextInt(nodes.length)];
    int best = -1;
    int ties = 0;
    for (int p = graph.inputsStart(v); p < graph.inputsEnd(v); p++) {
      int u = graph.input(p);
      if (best < 0 || graph.dependentCount(u) < graph.dependentCount(best)) {
        best = u;
        ties = 1;
      } else if (graph.dependentCount(u) == graph.dependentCount(best)
          && random.nextInt(++ties) == 0) {
        best = u;
      }
    }
    return best < 0 ? null : graph.name(best);
  }

  private static void shuffle(String[] a, SplittableRandom random) {
    Arrays.sort(a);
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      String t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
