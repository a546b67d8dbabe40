package dev.preflight.server;

import dev.preflight.impact.ImpactProfile;
import dev.preflight.report.Json;
import dev.preflight.settings.Settings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * The answers about the graphs themselves: which are served ({@code /v1/graphs}), names for
 * completion ({@code /v1/packages}), and the impact profile a page at a time ({@code /v1/profile}).
 */
final class Catalog {
  static final Set<String> PROFILE = Set.of("graph", "sort", "order", "offset", "limit");
  static final Set<String> PACKAGES = Set.of("graph", "prefix", "limit");

  /** The largest page of {@code /v1/profile} and {@code /v1/packages}. */
  static final int MAX_LIMIT = 1000;

  private final GraphStore store;
  private final Settings settings;
  private final ExecutorService executor;
  private final int threads;

  /** Sorted profile rows per snapshot generation and sort key (a reload starts afresh). */
  private final Map<String, List<ImpactProfile.Row>> sorted = new ConcurrentHashMap<>();

  Catalog(GraphStore store, Settings settings, ExecutorService executor, int threads) {
    this.store = store;
    this.settings = settings;
    this.executor = executor;
    this.threads = threads;
  }

  String graphs() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (String name : store.names()) {
      Snapshot s = store.get(name);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("default", name.equals(store.defaultName()));
      m.put("file", s.file.toString());
      m.put("nodes", s.graph.nodeCount());
      m.put("edges", s.graph.edgeCount());
      m.put("systems", s.graph.systems());
      m.put("defaultPolicy", s.defaultPolicy());
      m.put("loadedAt", s.loadedAt.toString());
      m.put("loadSeconds", Math.round(s.loadSeconds * 1000) / 1000.0);
      m.put("generation", s.generation);
      list.add(m);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schemaVersion", 1);
    doc.put("graphs", list);
    return Json.pretty(doc) + "\n";
  }

  String packages(Snapshot s, Params p) {
    String prefix = p.string("prefix");
    int limit = limit(p, 20);
    List<String> names = s.namesStartingWith(prefix == null ? "" : prefix, limit);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schemaVersion", 1);
    doc.put("graph", s.name);
    doc.put("prefix", prefix == null ? "" : prefix);
    doc.put("names", names);
    return Json.pretty(doc) + "\n";
  }

  /**
   * A page of {@code impact --profile}: {@code sort} is rebuilds (the command's order: rebuild
   * count, then direct dependents, then name), dependents or name; {@code order} asc or desc
   * (default: desc for the counts, asc for name). The profile is computed once per graph snapshot,
   * on the first request.
   */
  String profile(Snapshot s, Params p) {
    String sort = p.string("sort") == null ? "rebuilds" : p.string("sort");
    Comparator<ImpactProfile.Row> cmp =
        switch (sort) {
          case "rebuilds" -> null;
          case "dependents" ->
              Comparator.comparingInt(ImpactProfile.Row::directDependents).reversed();
          case "name" ->
              Comparator.comparing(ImpactProfile.Row::name)
                  .thenComparing(ImpactProfile.Row::system);
          default ->
              throw ApiError.badRequest(
                  "sort", "sort must be rebuilds, dependents or name, got '" + sort + "'");
        };
    String natural = sort.equals("name") ? "asc" : "desc";
    String order = p.string("order") == null ? natural : p.string("order");
    if (!order.equals("asc") && !order.equals("desc")) {
      throw ApiError.badRequest("order", "order must be asc or desc, got '" + order + "'");
    }
    int offset = p.integer("offset", 0);
    if (offset < 0) {
      throw ApiError.badRequest("offset", "offset must be >= 0, got " + offset);
    }
    int limit = limit(p, 50);
    boolean reversed = !order.equals(natural);
    List<ImpactProfile.Row> rows =
        sorted.computeIfAbsent(
            s.generation + "/" + s.name + "/" + sort + "/" + reversed,
            k -> {
              List<ImpactProfile.Row> base =
                  new ArrayList<>(s.profile(settings, executor, threads).rows(s.graph));
              if (cmp != null) {
                base.sort(cmp); // stable: ties keep the profile's own order
              }
              if (reversed) {
                java.util.Collections.reverse(base);
              }
              return List.copyOf(base);
            });
    // Only the current snapshots' pages are kept.
    sorted.keySet().removeIf(k -> !current(k));
    List<Map<String, Object>> page = new ArrayList<>();
    for (int i = offset; i < Math.min(rows.size(), offset + limit); i++) {
      ImpactProfile.Row row = rows.get(i);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", row.name());
      e.put("system", row.system());
      e.put("rebuildCount", row.rebuildCount());
      e.put("directDependents", row.directDependents());
      page.add(e);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schemaVersion", 1);
    doc.put("graph", s.name);
    doc.put("nodes", s.graph.nodeCount());
    doc.put("sort", sort);
    doc.put("order", order);
    doc.put("offset", offset);
    doc.put("limit", limit);
    doc.put("total", rows.size());
    doc.put("rows", page);
    return Json.pretty(doc) + "\n";
  }

  private boolean current(String key) {
    String[] parts = key.split("/", 3);
    Snapshot s = store.get(parts[1]);
    return s != null && Long.toString(s.generation).equals(parts[0]);
  }

  private static int limit(Params p, int fallback) {
    int limit = p.integer("limit", fallback);
    if (limit < 0 || limit > MAX_LIMIT) {
      throw ApiError.badRequest(
          "limit", "limit must be between 0 and " + MAX_LIMIT + ", got " + limit);
    }
    return limit;
  }
}
