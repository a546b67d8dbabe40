package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.graph.InputException;
import dev.preflight.report.Fmt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PlanCommandTest {
  private static final String EVIL = "<img src=x onerror=alert(1)>";
  @TempDir Path dir;

  private Path graph() throws Exception {
    Path g = dir.resolve("g.json");
    Files.writeString(
        g,
        "{\"schemaVersion\":1,\"nodes\":["
            + "{\"id\":\"zlib\",\"system\":\"x86_64-linux\",\"buildSeconds\":60,\"lastStatus\":\"GREEN\"},"
            + "{\"id\":\"curl\",\"system\":\"x86_64-linux\",\"buildSeconds\":600,\"lastStatus\":\"RED\"},"
            + "{\"id\":\"evil\",\"name\":\""
            + EVIL.replace("\"", "\\\"")
            + "\",\"system\":\"x86_64-darwin\","
            + "\"buildSeconds\":3600,\"lastStatus\":\"GREEN\",\"channels\":[\"nixos-small\"]}],"
            + "\"edges\":[[\"curl\",\"zlib\"],[\"evil\",\"curl\"]]}");
    return g;
  }

  @Test
  void plan_json_joinsImpactCostRiskAndVerdict() throws Exception {
    Cli r = Cli.run("plan", "--graph", graph().toString(), "--change", "zlib", "--format", "json");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode j = new ObjectMapper().readTree(r.out);
    assertEquals(1, j.get("schemaVersion").asInt());
    assertEquals(3, j.get("impact").get("rebuildCount").asInt());
    assertEquals(3, j.get("cost").get("builds").asInt());
    // One chain of 60 + 600 + 3600 s: the makespan is at least the chain.
    assertTrue(j.get("cost").get("makespanSeconds").asDouble() >= 4260, r.out);
    assertEquals(1, j.get("risk").get("alreadyBroken").asInt());
    assertEquals(2, j.get("risk").get("newlyAtRisk").asInt());
    assertTrue(j.get("verdict").get("fits").asBoolean());
    assertEquals(86400.0, j.get("verdict").get("deadlineSeconds").asDouble());
  }

  @Test
  void plan_html_hasChartsAndEscapesNames() throws Exception {
    Path html = dir.resolve("r.html");
    Cli r =
        Cli.run(
            "plan", "--graph", graph().toString(), "--change", "zlib", "--html", html.toString());
    assertEquals(0, r.exitCode, r.toString());
    String page = Files.readString(html);
    assertTrue(page.split("<svg ", -1).length - 1 >= 5, "expected the report's charts");
    assertFalse(page.contains(EVIL), "an unescaped package name reached the page");
    assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assertTrue(r.out.startsWith("VERDICT  fits"), r.out);
  }

  /** One spelling of each risk class: the JSON's and CSV's keys, also in the page. */
  @Test
  void plan_html_spellsRiskClassesAsEveryOtherFormat() throws Exception {
    Path html = dir.resolve("classes.html");
    String history =
        Path.of(System.getProperty("preflight.repo", "."))
            .resolve("fixtures/history/nixpkgs-sample-history.csv")
            .toString();
    Cli r =
        Cli.runSample("plan", "--change", "zlib", "--history", history, "--html", html.toString());
    assertEquals(0, r.exitCode, r.toString());
    String page = Files.readString(html);
    assertTrue(page.contains("<td>newlyAtRisk</td>"), "newlyAtRisk in the risk table");
    for (String enumName : List.of("NEWLY_AT_RISK", "ALREADY_BROKEN", "UNKNOWN")) {
      assertFalse(page.contains(enumName), enumName + " in the page");
    }
  }

  @Test
  void plan_deadlineMissed_failsTheGateWithExit1() throws Exception {
    Cli r =
        Cli.run(
            "plan",
            "--graph",
            graph().toString(),
            "--change",
            "zlib",
            "--deadline",
            "30m",
            "--fail-if-deadline-missed");
    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.out.startsWith("VERDICT  does not fit"), r.out);
    assertTrue(r.err.contains("over the 30 min deadline"), r.err);
  }

  @Test
  void plan_badDeadline_exit2() throws Exception {
    Cli r =
        Cli.run("plan", "--graph", graph().toString(), "--change", "zlib", "--deadline", "soon");
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.startsWith("preflight: error: --deadline 'soon'"), r.err);
  }

  @Test
  void plan_zeroOrNegativeShorthandCluster_isBadInputNotAnInternalError() throws Exception {
    // Regression: "--builders 0" reached Cluster.shorthand unchecked: exit 3, "internal error".
    for (String[] bad : new String[][] {{"--builders", "0"}, {"--slots", "-2"}}) {
      Cli r = Cli.run("plan", "--graph", graph().toString(), "--change", "zlib", bad[0], bad[1]);
      assertEquals(2, r.exitCode, r.toString());
      assertTrue(r.err.startsWith("preflight: error: --builders and --slots must be >= 1"), r.err);
      assertEquals("", r.out);
    }
  }

  @Test
  void plan_outputAndHtmlNamingOneFile_isBadInputAndWritesNothing() throws Exception {
    // Regression: -o r.html --html r.html wrote the same file twice, silently.
    Path report = dir.resolve("r.html");
    Path link = dir.resolve("link.html");
    for (String[] pair :
        new String[][] {
          {report.toString(), report.toString()},
          {report.toString(), dir.resolve("sub/../r.html").toString()},
        }) {
      Cli r =
          Cli.run(
              "plan",
              "--graph",
              graph().toString(),
              "--change",
              "zlib",
              "--format",
              "html",
              "-o",
              pair[0],
              "--html",
              pair[1]);
      assertEquals(2, r.exitCode, r.toString());
      assertEquals(
          "preflight: error: -o and --html name the same file ("
              + pair[1]
              + "): the second would overwrite the first",
          r.err.strip());
      assertFalse(Files.exists(report));
    }
    // A link to an existing file is the same file too.
    Files.writeString(report, "old");
    Files.createSymbolicLink(link, report);
    Cli r =
        Cli.run(
            "plan",
            "--graph",
            graph().toString(),
            "--change",
            "zlib",
            "-o",
            report.toString(),
            "--html",
            link.toString());
    assertEquals(2, r.exitCode, r.toString());
    assertEquals("old", Files.readString(report));
  }

  @Test
  void parseDuration_units() {
    assertEquals(90.0, PlanCommand.parseDuration("90s"));
    assertEquals(2700.0, PlanCommand.parseDuration("45m"));
    assertEquals(86400.0, PlanCommand.parseDuration("24h"));
    assertEquals(86400.0 * 2, PlanCommand.parseDuration("2d"));
    assertEquals(5400.0, PlanCommand.parseDuration("1h30m"));
    assertEquals(86400.0, PlanCommand.parseDuration("PT24H"));
    assertEquals(86400.0 * 2, PlanCommand.parseDuration("p2d"));
    for (String bad : new String[] {"24x", "h", "PT", "-3h", "0h", ""}) {
      assertThrows(InputException.class, () -> PlanCommand.parseDuration(bad), bad);
    }
  }

  /** Regression: "--deadline 24" was read as 24 seconds without a word. */
  @Test
  void plan_bareNumberDeadline_isRefusedSuggestingAUnit() throws Exception {
    Cli r = Cli.run("plan", "--graph", graph().toString(), "--change", "zlib", "--deadline", "24");
    assertEquals(2, r.exitCode, r.toString());
    assertEquals(
        "preflight: error: --deadline '24' needs a unit: write 24h for hours (or 24s, 24m, 24d,"
            + " PT24H)",
        r.err.strip());
    assertEquals("", r.out);
  }

  /**
   * The must-show of issue 15: {@code plan --change zlib} on the bundled graph fits a screen (it
   * printed 478 lines: 200 build-first ids, 210 sample ids); {@code --list} brings the full lists
   * back.
   */
  @Test
  void plan_onTheBundledGraph_fitsSixtyLines_andListBringsTheFullListsBack() throws Exception {
    Cli r = Cli.run("plan", "--change", "zlib");
    assertEquals(0, r.exitCode, r.toString());
    List<String> lines = r.out.lines().toList();
    assertTrue(lines.size() <= 60, lines.size() + " lines:\n" + r.out);
    assertTrue(r.out.startsWith("VERDICT  "), r.out);
    assertTrue(r.out.contains("… 195 more (all with --list)"), r.out);
    assertEquals(5, lines.stream().filter(l -> l.matches("\\d  \\S.*")).count(), r.out);

    Cli full = Cli.run("plan", "--change", "zlib", "--list");
    assertEquals(0, full.exitCode, full.toString());
    // Every build-first id (200) and sample id (97) numbered on its own line, and a row per node.
    assertTrue(full.out.contains("  200. mighttpd2@amd64-linux"), full.out);
    assertTrue(full.out.contains("   97. boost1.81@amd64-linux"), full.out);
    assertTrue(full.out.contains("Then rerun with --observed"), full.out);
    assertTrue(full.out.contains("== Rebuilds =="), full.out);
    assertTrue(full.out.lines().count() > 1_417 + 200 + 97, "" + full.out.lines().count());

    Cli top = Cli.run("plan", "--change", "zlib", "--top", "2");
    assertTrue(top.out.contains("… 198 more (all with --list)"), top.out);
  }

  /**
   * Regression: with {@code --samples} the verdict used the expected-duration makespan (3.6 h on
   * the bundled Debian graph) and ignored the sampled ones (p50 above 6 h). Now it follows the
   * sampled p90 (PlanReport.fits), keeps the expected figure, and states the rule; the boundary is
   * checked with deadlines one second either side of the sampled p90.
   */
  @Test
  void plan_withSamples_verdictFollowsTheSampledP90() throws Exception {
    String[] base = {"plan", "--change", "zlib", "--samples", "20", "--format", "json"};
    Cli six = Cli.run(concat(base, new String[] {"--deadline", "6h"}));
    assertEquals(0, six.exitCode, six.toString());
    JsonNode j = new ObjectMapper().readTree(six.out);
    JsonNode v = j.get("verdict");
    double expected = v.get("makespanSeconds").asDouble();
    double p90 = v.get("makespanP90Seconds").asDouble();
    assertTrue(expected < 6 * 3600, "expected durations fit 6 h: " + expected);
    assertTrue(p90 > 6 * 3600, "the sampled p90 does not: " + p90);
    assertFalse(v.get("fits").asBoolean(), six.out);
    assertEquals(
        j.get("cost").get("samples").get("makespanP50").asDouble(),
        v.get("makespanP50Seconds").asDouble());
    assertEquals(j.get("cost").get("samples").get("makespanP90").asDouble(), p90);
    assertEquals(20, v.get("samples").asInt());
    int within = v.get("samplesWithinDeadline").asInt();
    assertTrue(within < 18, "fewer than 90% of 20 runs within 6 h: " + within);
    assertEquals(within / 20.0, v.get("probabilityWithinDeadline").asDouble(), 1e-9);
    String text = v.get("text").asText();
    assertTrue(text.startsWith("does not fit: " + within + " of 20 sampled runs"), text);
    assertTrue(text.contains("rule: fits when the p90 is within the deadline"), text);
    assertTrue(text.contains("3.6 h with expected durations"), text);

    String[] gate = {"plan", "--change", "zlib", "--samples", "20", "--deadline", "6h"};
    Cli missed = Cli.run(concat(gate, new String[] {"--fail-if-deadline-missed"}));
    assertEquals(1, missed.exitCode, missed.toString());
    assertEquals(
        Fmt.format(
            "preflight: the sampled p90 makespan %s is over the 6.0 h deadline (%d of 20 runs"
                + " within it)%n",
            Fmt.hours(p90), within),
        missed.err);

    // One second either side of the sampled p90: 18 of 20 runs (90%) is the boundary.
    long below = (long) Math.floor(p90) - 1;
    long above = (long) Math.ceil(p90) + 1;
    JsonNode under =
        new ObjectMapper()
            .readTree(Cli.run(concat(base, new String[] {"--deadline", below + "s"})).out)
            .get("verdict");
    JsonNode over =
        new ObjectMapper()
            .readTree(Cli.run(concat(base, new String[] {"--deadline", above + "s"})).out)
            .get("verdict");
    assertFalse(under.get("fits").asBoolean(), under.toString());
    assertTrue(under.get("samplesWithinDeadline").asInt() < 18, under.toString());
    assertTrue(over.get("fits").asBoolean(), over.toString());
    assertTrue(over.get("samplesWithinDeadline").asInt() >= 18, over.toString());

    // The CSV's curve says "fits" by the same rule at every size (it used expected durations).
    Cli csv = Cli.run(concat(gate, new String[] {"--format", "csv"}));
    assertEquals(0, csv.exitCode, csv.toString());
    java.util.Map<String, String> field = new java.util.HashMap<>();
    for (String line : csv.out.split("\n")) {
      String[] f = line.split(",", 4);
      if (f.length == 4 && (f[0].equals("curve") || f[0].equals("summary"))) {
        field.put(f[0] + "/" + f[1] + "/" + f[2], f[3]);
      }
    }
    assertEquals("false", field.get("summary//fits"), csv.out);
    int sizes = 0;
    for (int size = 1; field.containsKey("curve/" + size + "/fits"); size++, sizes++) {
      boolean p90Fits = Double.parseDouble(field.get("curve/" + size + "/makespanP90")) <= 6 * 3600;
      assertEquals(String.valueOf(p90Fits), field.get("curve/" + size + "/fits"), "size " + size);
    }
    assertTrue(sizes > 1, csv.out);
    assertEquals("false", field.get("curve/1/fits"), "the cluster itself, as the verdict");

    // Without samples the verdict is the expected-duration one, with no sampled fields.
    Cli plain = Cli.run("plan", "--change", "zlib", "--deadline", "6h", "--format", "json");
    JsonNode pv = new ObjectMapper().readTree(plain.out).get("verdict");
    assertTrue(pv.get("fits").asBoolean(), plain.out);
    assertFalse(pv.has("rule"), plain.out);
    assertTrue(
        pv.get("text").asText().startsWith("fits: the rebuild takes 3.6 h on 8x4"), plain.out);
  }

  @Test
  void plan_verdictAndCostNameTheCurrency() throws Exception {
    Cli r = Cli.run("plan", "--graph", graph().toString(), "--change", "zlib", "--deadline", "1m");
    assertTrue(r.out.matches("(?s)VERDICT  does not fit.*[0-9] USD\n.*"), r.out);
    assertTrue(r.out.contains("cost (USD)"), r.out);
    assertFalse(r.out.contains("money units"), r.out);
  }

  /**
   * Regression: on a cluster with speed factors (hydra-like: 1 and 2) the cost section counted each
   * build's seconds divided by its machine's speed while the risk section priced the whole rebuild
   * at speed 1 (4.2 against 6.98 CPU-hours for glibc). Every section now takes the durations of the
   * one expected run.
   */
  @Test
  void plan_costRiskAndCostCommand_agreeOnCpuHours_onAClusterWithSpeedFactors() throws Exception {
    String cluster =
        Path.of(System.getProperty("preflight.repo", "."))
            .resolve("fixtures/clusters/hydra-like.json")
            .toString();
    Cli plan = Cli.runSample("plan", "--change", "glibc", "--cluster", cluster, "--format", "json");
    assertEquals(0, plan.exitCode, plan.toString());
    JsonNode j = new ObjectMapper().readTree(plan.out);
    double cost = j.get("cost").get("cpuHours").asDouble();
    double risk = j.get("risk").get("buildFirstCost").get("rebuildCpuHours").asDouble();
    Cli alone =
        Cli.runSample("cost", "--change", "glibc", "--cluster", cluster, "--format", "json");
    assertEquals(0, alone.exitCode, alone.toString());
    double costCommand = new ObjectMapper().readTree(alone.out).get("cpuHours").asDouble();
    assertTrue(cost < 6.9, "speed factor 2 machines spend fewer CPU-hours: " + cost);
    assertEquals(cost, risk, 1e-3, "cost and risk sections");
    assertEquals(cost, costCommand, 1e-3, "plan and cost command");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void sharedOptions_meanTheSameOnEveryCommand() throws Exception {
    // -c splits on commas on risk too (it did not before the options were shared).
    Cli split = Cli.runSample("risk", "-c", "zlib,curl", "--format", "json");
    Cli repeated = Cli.runSample("risk", "-c", "zlib", "-c", "curl", "--format", "json");
    assertEquals(0, split.exitCode, split.toString());
    assertEquals(repeated.out, split.out);
    // plan takes cost's scheduler, sizes and samples options.
    Cli plan =
        Cli.runSample(
            "plan",
            "-c",
            "zlib",
            "--scheduler",
            "fifo",
            "--sizes",
            "1,2",
            "--samples",
            "3",
            "--top",
            "2",
            "--format",
            "json");
    assertEquals(0, plan.exitCode, plan.toString());
    JsonNode j = new ObjectMapper().readTree(plan.out);
    assertEquals("fifo", j.get("cost").get("scheduler").asText());
    assertEquals(2, j.get("cost").get("curve").size());
    assertEquals(3, j.get("cost").get("samples").get("count").asInt());
    assertTrue(j.get("risk").get("top").size() <= 2, plan.out);
    // The cutoff refusal reads the same on cost, risk and plan.
    for (String command : new String[] {"cost", "risk", "plan"}) {
      Cli r = Cli.runSample(command, "-c", "zlib", "--policy", "cutoff");
      assertEquals(2, r.exitCode, r.toString());
      assertTrue(r.err.contains("the cutoff policy is random; " + command + " needs"), r.err);
    }
    // The what-ifs mean the same on cost and plan: the same cluster, the same money.
    String[] whatIf = {
      "--builders",
      "2",
      "--price",
      "0.5/h",
      "--autoscale",
      "1..4",
      "--currency",
      "CHF",
      "--format",
      "json"
    };
    Cli costWhatIf = Cli.runSample(concat(new String[] {"cost", "-c", "zlib"}, whatIf));
    Cli planWhatIf = Cli.runSample(concat(new String[] {"plan", "-c", "zlib"}, whatIf));
    assertEquals(0, planWhatIf.exitCode, planWhatIf.toString());
    JsonNode c = new ObjectMapper().readTree(costWhatIf.out);
    JsonNode pc = new ObjectMapper().readTree(planWhatIf.out).get("cost");
    assertEquals("CHF", pc.get("currency").asText());
    assertEquals(c.get("cluster").asText(), pc.get("cluster").asText());
    assertEquals(c.get("cost").asDouble(), pc.get("cost").asDouble(), 1e-9);
    assertEquals(4, pc.get("pools").get(0).get("maxMachines").asInt());
    // batch: -c is --change elsewhere, so batch reads its rows with --changes only.
    Cli batch = Cli.run("batch", "-c", "rows.jsonl", "-o", dir.resolve("b.csv").toString());
    assertEquals(2, batch.exitCode, batch.toString());
  }
}
