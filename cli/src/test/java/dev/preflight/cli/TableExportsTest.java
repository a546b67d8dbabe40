package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.report.CostTables;
import dev.preflight.report.PlanTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV and Arrow exports of {@code cost} and {@code plan} hold every part of the report, one
 * rectangular table per {@code --table}: each checked against the JSON document of the same run
 * (the series, channels, percentiles, pools and the critical path that were JSON-only before), and
 * each Arrow file against its CSV twin.
 */
final class TableExportsTest {
  private static final String[] COST = {
    "cost",
    "--change",
    "zlib",
    "--builders",
    "2",
    "--slots",
    "2",
    "--sizes",
    "1,2,4",
    "--samples",
    "30"
  };
  private static final String[] PLAN = {
    "plan", "--change", "zlib", "--builders", "2", "--slots", "2", "--samples", "30"
  };

  @TempDir Path dir;

  private static String[] with(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  private static List<List<String>> csv(String[] base, String table) {
    Cli r = Cli.runSample(with(base, "--format", "csv", "--table", table));
    assertEquals(0, r.exitCode, r.toString());
    List<List<String>> rows = new ArrayList<>();
    // No field of these tables holds a comma or a quote.
    r.out.lines().forEach(l -> rows.add(List.of(l.split(",", -1))));
    return rows;
  }

  private static JsonNode costJson() throws Exception {
    Cli r = Cli.runSample(with(COST, "--format", "json"));
    assertEquals(0, r.exitCode, r.toString());
    return new ObjectMapper().readTree(r.out);
  }

  private static int col(List<List<String>> t, String name) {
    int i = t.get(0).indexOf(name);
    assertTrue(i >= 0, name + " in " + t.get(0));
    return i;
  }

  @Test
  void costCsv_everyTable_matchesTheJsonDocument() throws Exception {
    JsonNode j = costJson();
    List<List<String>> util = csv(COST, "utilization");
    assertEquals(List.of("seconds", "fraction"), util.get(0));
    assertEquals(j.get("utilization").size(), util.size() - 1);
    for (int i = 0; i < j.get("utilization").size(); i++) {
      JsonNode p = j.get("utilization").get(i);
      assertEquals(p.get("seconds").asDouble(), Double.parseDouble(util.get(i + 1).get(0)), 1e-9);
      assertEquals(p.get("fraction").asDouble(), Double.parseDouble(util.get(i + 1).get(1)), 1e-9);
    }
    List<List<String>> queue = csv(COST, "queue");
    assertEquals(List.of("seconds", "runnable"), queue.get(0));
    assertEquals(j.get("queue").size(), queue.size() - 1);
    assertEquals(
        j.get("queue").get(3).get("runnable").asDouble(),
        Double.parseDouble(queue.get(4).get(1)),
        1e-9);

    List<List<String>> channels = csv(COST, "channels");
    assertEquals(List.of("channel", "readySeconds", "blocked"), channels.get(0));
    assertEquals(j.get("channels").size(), channels.size() - 1);
    assertTrue(j.get("channels").size() > 0, "the sample graph has channels");
    for (List<String> row : channels.subList(1, channels.size())) {
      assertEquals(j.get("channels").get(row.get(0)).asDouble(), Double.parseDouble(row.get(1)));
      assertEquals("false", row.get(2));
    }

    List<List<String>> pools = csv(COST, "pools");
    assertEquals(j.get("pools").size(), pools.size() - 1);
    assertEquals(j.get("pools").get(0).get("name").asText(), pools.get(1).get(0));
    assertEquals(
        j.get("pools").get(0).get("cost").asDouble(), Double.parseDouble(pools.get(1).get(2)));

    List<List<String>> samples = csv(COST, "samples");
    assertEquals(2, samples.size());
    assertEquals("30", samples.get(1).get(col(samples, "count")));
    assertEquals(
        j.get("samples").get("makespanP90").asDouble(),
        Double.parseDouble(samples.get(1).get(col(samples, "makespanP90"))));

    List<List<String>> curve = csv(COST, "curve");
    assertEquals(4, curve.size());
    for (int i = 0; i < 3; i++) {
      JsonNode p = j.get("curve").get(i);
      List<String> row = curve.get(i + 1);
      assertEquals(p.get("size").asText(), row.get(col(curve, "size")));
      assertEquals(
          p.get("makespanP50").asDouble(), Double.parseDouble(row.get(col(curve, "makespanP50"))));
      assertEquals(p.get("costP90").asDouble(), Double.parseDouble(row.get(col(curve, "costP90"))));
    }

    List<List<String>> path = csv(COST, "criticalPath");
    assertEquals(List.of("step", "id", "name", "seconds"), path.get(0));
    assertEquals(j.get("criticalPathSteps").size(), path.size() - 1);
    assertEquals(j.get("criticalPathSteps").get(0).get("id").asText(), path.get(1).get(1));

    List<List<String>> summary = csv(COST, "summary");
    assertEquals(2, summary.size());
    assertEquals(
        j.get("makespanSeconds").asDouble(),
        Double.parseDouble(summary.get(1).get(col(summary, "makespanSeconds"))));
    assertEquals(j.get("knee").asText(), summary.get(1).get(col(summary, "knee")));
  }

  @Test
  void costCsv_withoutTable_isTheCurveAsBefore() {
    Cli plain = Cli.runSample(with(COST, "--format", "csv"));
    assertEquals(0, plain.exitCode, plain.toString());
    Cli curve = Cli.runSample(with(COST, "--format", "csv", "--table", "curve"));
    assertEquals(curve.out, plain.out);
    assertTrue(
        plain.out.startsWith(
            "size,machines,peakMachines,meanMachines,slots,builds,makespanSeconds,cpuHours,cost,"
                + "currency,makespanP50,"),
        plain.out);
  }

  @Test
  void costArrow_everyTable_equalsItsCsv() throws Exception {
    for (String table : CostTables.NAMES) {
      Path f = dir.resolve(table + ".arrow");
      Cli r = Cli.runSample(with(COST, "--format", "arrow", "--table", table, "-o", f.toString()));
      assertEquals(0, r.exitCode, r.toString());
      assertEquals(csv(COST, table), arrowRows(f, table), table);
    }
  }

  @Test
  void planTables_everyTable_csvAndArrowAgree_andTheLongCsvHasTheSeries() throws Exception {
    for (String table : PlanTables.names()) {
      List<List<String>> csv = csv(PLAN, table);
      assertTrue(csv.size() >= 1, table);
      if (table.equals("node")) {
        continue; // the node table's Arrow file is PlanArrow's (int32 ranks), checked elsewhere
      }
      Path f = dir.resolve("plan-" + table + ".arrow");
      Cli r = Cli.runSample(with(PLAN, "--format", "arrow", "--table", table, "-o", f.toString()));
      assertEquals(0, r.exitCode, r.toString());
      assertEquals(csv, arrowRows(f, table), table);
    }
    Cli r = Cli.runSample(with(PLAN, "--format", "csv"));
    assertEquals(0, r.exitCode, r.toString());
    for (String section :
        List.of(
            "\npool,", "\nutilization,1,fraction,", "\nqueue,1,runnable,", "\nsamples,,count,30")) {
      assertTrue(r.out.contains(section), section);
    }
    assertTrue(r.out.contains("\ncurve,1,makespanP90,"), "curve percentiles with --samples");
    List<List<String>> nodes = csv(PLAN, "node");
    List<List<String>> systems = csv(PLAN, "system");
    long rebuilds = 0;
    for (List<String> s : systems.subList(1, systems.size())) {
      rebuilds += Long.parseLong(s.get(1));
    }
    assertEquals(nodes.size() - 1, rebuilds, "system rebuilds add up to the node rows");
    assertEquals(
        List.of("system", "rebuilds", "newlyAtRisk", "alreadyBroken", "unknown"), systems.get(0));
  }

  @Test
  void unknownTable_isAnErrorListingTheNames_andNothingIsWritten() {
    Cli r = Cli.runSample(with(COST, "--format", "csv", "--table", "utilisation"));
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.contains("unknown --table 'utilisation': did you mean 'utilization'?"), r.err);
    assertEquals("", r.out);
    Cli t = Cli.runSample(with(PLAN, "--format", "json", "--table", "curve"));
    assertEquals(2, t.exitCode, t.toString());
    assertTrue(t.err.contains("--table goes with --format csv or arrow"), t.err);
  }

  /** An Arrow file's rows rendered as the CSV renders them (header first). */
  private static List<List<String>> arrowRows(Path file, String table) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (BufferAllocator a = new RootAllocator();
        ArrowFileReader reader = new ArrowFileReader(Files.newByteChannel(file), a)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      assertEquals(table, root.getSchema().getCustomMetadata().get("table"));
      List<String> header = new ArrayList<>();
      for (Field f : root.getSchema().getFields()) {
        header.add(f.getName());
      }
      rows.add(header);
      while (reader.loadNextBatch()) {
        for (int i = 0; i < root.getRowCount(); i++) {
          List<String> row = new ArrayList<>();
          for (FieldVector v : root.getFieldVectors()) {
            Object o = v.getObject(i);
            row.add(
                o == null
                    ? ""
                    : o instanceof Double d
                        ? dev.preflight.report.render.Table.plain(
                            d, decimals(header.get(row.size())))
                        : String.valueOf(o));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** The CSV's rounding of a column: money and fractions 4 places, seconds 3. */
  private static int decimals(String column) {
    return column.equals("seconds") || column.endsWith("Seconds") || column.startsWith("makespanP")
        ? 3
        : 4;
  }
}
