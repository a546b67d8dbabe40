package dev.preflight.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.preflight.graph.GraphStats;
import dev.preflight.graph.PackageGraph;
import dev.preflight.report.Fmt;
import dev.preflight.report.Json;
import dev.preflight.report.OutputTarget;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code preflight stats}: the size and shape of a graph. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Print node, edge, system and cycle counts of a graph.",
    footer = {
      "",
      "Examples:",
      "  preflight stats",
      "  preflight stats --graph g.arrow --format json",
      "  preflight stats --pin debhelper,perl"
    })
final class StatsCommand implements Callable<Integer> {
  @Mixin GraphOptions graphOptions;

  @Mixin PinOptions pinOptions;

  @Mixin FormatOption formatOption;

  @Mixin OutputOption output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws JsonProcessingException {
    // With --pin: the shape of the cut graph (its edges and cycles).
    PackageGraph g = pinOptions.apply(graphOptions.load(TerminalProgress.forStderr()));
    GraphStats s = GraphStats.of(g);
    OutputTarget out = output.target(spec);
    switch (formatOption.format.toLowerCase(java.util.Locale.ROOT)) {
      case "json" -> out.writeText(Json.pretty(toJson(s, g)) + "\n");
      case "table" -> out.writeText(table(s, g));
      default ->
          throw dev.preflight.graph.Names.unknown(
              "--format", formatOption.format, Completions.TABLE_JSON);
    }
    return ExitCodes.OK;
  }

  static Map<String, Object> toJson(GraphStats s, PackageGraph g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 1);
    m.put("source", g.metadata().source());
    if (!g.pinNames().isEmpty()) {
      m.put("pins", g.pinNames());
    }
    m.put("nodes", s.nodes());
    m.put("edges", s.edges());
    m.put("systems", s.systems());
    m.put("sccCount", s.sccCount());
    m.put("cyclicSccCount", s.cyclicSccCount());
    m.put("largestScc", s.largestScc());
    m.put("selfLoopsDropped", s.selfLoopsDropped());
    m.put("unresolved", s.unresolved());
    return m;
  }

  static String table(GraphStats s, PackageGraph g) {
    StringBuilder sb = new StringBuilder();
    if (!g.metadata().source().isEmpty()) {
      row(sb, "source", g.metadata().source());
    }
    if (!g.pinNames().isEmpty()) {
      row(sb, "pins", String.join(", ", g.pinNames()));
    }
    row(sb, "nodes", Fmt.format("%,d", s.nodes()));
    row(sb, "edges", Fmt.format("%,d", s.edges()));
    StringBuilder systems = new StringBuilder();
    s.systems()
        .forEach(
            (k, v) ->
                systems
                    .append(systems.length() == 0 ? "" : ", ")
                    .append(k)
                    .append(' ')
                    .append(Fmt.format("%,d", v)));
    row(sb, "systems", systems.toString());
    row(
        sb,
        "strongly connected components",
        Fmt.format("%,d (%,d with a cycle)", s.sccCount(), s.cyclicSccCount()));
    row(
        sb,
        "largest component",
        Fmt.format(s.largestScc() == 1 ? "%,d node" : "%,d nodes", s.largestScc()));
    row(sb, "self-loops dropped", Fmt.format("%,d", s.selfLoopsDropped()));
    row(sb, "unresolved names", Fmt.format("%,d", s.unresolved()));
    return sb.toString();
  }

  private static void row(StringBuilder sb, String key, String value) {
    sb.append(Fmt.format("%-30s %s%n", key, value));
  }
}
