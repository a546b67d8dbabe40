package dev.preflight.report;

import static dev.preflight.report.Fmt.format;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.io.Csv;
import dev.preflight.impact.CutoffStats;
import dev.preflight.impact.ImpactProfile;
import dev.preflight.impact.ImpactReport;
import dev.preflight.impact.RebuildSet;
import dev.preflight.settings.ImpactSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders an {@link ImpactReport} or an impact profile as JSON, CSV or a table; computes nothing.
 */
public final class ImpactRenderer {
  private ImpactRenderer() {}

  // ------------------------------------------------------------------ rendering

  public static Map<String, Object> toJson(ImpactReport r, boolean list, ImpactSettings settings) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 1);
    m.put("policy", r.policy().label());
    m.put("changed", r.changed());
    if (!r.pins().isEmpty()) {
      m.put("pins", r.pins());
    }
    m.put("rebuildCount", r.rebuildCount());
    m.put("bySystem", r.bySystem());
    m.put("byKernel", r.byKernel());
    m.put("attrCount", r.attrCount());
    m.put("labels", r.labels());
    m.put("depth", r.depth());
    if (list) {
      m.put("rebuilds", r.rebuilds());
    }
    CutoffStats c = r.cutoff();
    if (c != null) {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("samples", c.samples());
      cm.put("seed", c.seed());
      cm.put("defaultUnchangedProbability", settings.defaultUnchangedProbability());
      cm.put("expected", Math.round(c.expected() * 100) / 100.0);
      cm.put("p10", c.p10());
      cm.put("p50", c.p50());
      cm.put("p90", c.p90());
      cm.put("min", c.min());
      cm.put("max", c.max());
      m.put("cutoff", cm);
    }
    return m;
  }

  public static String table(ImpactReport r, boolean list) {
    StringBuilder sb = new StringBuilder();
    row(sb, "changed", String.join(", ", r.changed()));
    if (!r.pins().isEmpty()) {
      row(sb, "pins", String.join(", ", r.pins()));
    }
    row(sb, "policy", r.policy().label());
    row(sb, "rebuild count", format("%,d", r.rebuildCount()));
    row(sb, "  by system", counts(r.bySystem()));
    row(sb, "  by kernel", counts(r.byKernel()) + " (distinct names)");
    row(sb, "  attr paths", counts(r.attrCount()) + " (as nixpkgs CI counts them; the labels)");
    row(sb, "labels", String.join(", ", r.labels()));
    row(sb, "depth", format("%,d", r.depth()));
    CutoffStats c = r.cutoff();
    if (c != null) {
      row(
          sb,
          "cutoff",
          format(
              "expected %.1f, p10 %,d, p50 %,d, p90 %,d (%,d samples, seed %d)",
              c.expected(), c.p10(), c.p50(), c.p90(), c.samples(), c.seed()));
    }
    if (list) {
      sb.append("rebuilds\n");
      for (String name : r.rebuilds()) {
        sb.append("  ").append(name).append('\n');
      }
    }
    return sb.toString();
  }

  /** One row per rebuilt node: {@code id,name,system,distance}, by name then system. */
  public static String csv(ImpactReport r, PackageGraph g) {
    RebuildSet set = r.set();
    Integer[] order = new Integer[set.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(
        order,
        Comparator.<Integer, String>comparing(i -> g.name(set.node(i)))
            .thenComparing(i -> g.system(set.node(i)))
            .thenComparing(i -> g.id(set.node(i))));
    Csv csv = new Csv().row("id", "name", "system", "distance");
    for (int i : order) {
      int v = set.node(i);
      csv.row(g.id(v), g.name(v), g.system(v), set.distanceAt(i));
    }
    return csv.toString();
  }

  public static String renderProfile(
      List<ImpactProfile.Row> rows, int nodes, ImpactFormat fmt, List<String> pins) {
    switch (fmt) {
      case JSON -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", 1);
        m.put("nodes", nodes);
        if (!pins.isEmpty()) {
          m.put("pins", pins);
        }
        List<Map<String, Object>> list = new ArrayList<>(rows.size());
        for (ImpactProfile.Row row : rows) {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("name", row.name());
          e.put("system", row.system());
          e.put("rebuildCount", row.rebuildCount());
          e.put("directDependents", row.directDependents());
          list.add(e);
        }
        m.put("rows", list);
        return Json.pretty(m) + "\n";
      }
      case CSV -> {
        Csv csv = new Csv().row("name", "system", "rebuildCount", "directDependents");
        for (ImpactProfile.Row row : rows) {
          csv.row(row.name(), row.system(), row.rebuildCount(), row.directDependents());
        }
        return csv.toString();
      }
      default -> {
        int nameWidth = 4;
        int systemWidth = 6;
        for (ImpactProfile.Row row : rows) {
          nameWidth = Math.max(nameWidth, row.name().length());
          systemWidth = Math.max(systemWidth, row.system().length());
        }
        String f = "%-" + nameWidth + "s  %-" + systemWidth + "s  %12s  %17s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(format(f, "NAME", "SYSTEM", "REBUILDS", "DIRECT DEPENDENTS"));
        for (ImpactProfile.Row row : rows) {
          sb.append(
              format(
                  f,
                  row.name(),
                  row.system(),
                  format("%,d", row.rebuildCount()),
                  format("%,d", row.directDependents())));
        }
        if (rows.size() < nodes) {
          sb.append(format("(%,d of %,d nodes; --top N for more)%n", rows.size(), nodes));
        }
        if (!pins.isEmpty()) {
          sb.append("(pins: ").append(String.join(", ", pins)).append(")\n");
        }
        return sb.toString();
      }
    }
  }

  private static String counts(Map<String, Integer> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach(
        (k, v) ->
            sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(format("%,d", v)));
    return sb.toString();
  }

  private static void row(StringBuilder sb, String key, String value) {
    sb.append(format("%-15s %s%n", key, value));
  }
}
