package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --pin} on the commands: a pinned package rebuilds when the change reaches it, its
 * dependents are not triggered through it. On the sample graph python3 needs zlib (through openssl)
 * and python3Packages.urllib3 and .requests need python3 only, on both systems.
 */
final class PinCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void impact_pin_stopsPropagationButThePinRebuilds() throws Exception {
    Cli r =
        Cli.runSample(
            "impact", "--change", "zlib", "--pin", "python3", "--list", "--format", "json");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode j = JSON.readTree(r.out);
    assertEquals(
        List.of(
            "schemaVersion",
            "policy",
            "changed",
            "pins",
            "rebuildCount",
            "bySystem",
            "byKernel",
            "attrCount",
            "labels",
            "depth",
            "rebuilds"),
        Cli.keys(j));
    assertEquals("[\"python3\"]", j.get("pins").toString());
    // 22 unpinned; the two python3Packages on two systems are cut off.
    assertEquals(18, j.get("rebuildCount").asInt());
    String rebuilds = j.get("rebuilds").toString();
    assertTrue(rebuilds.contains("\"python3.x86_64-linux\""), rebuilds);
    assertFalse(rebuilds.contains("python3Packages"), rebuilds);
  }

  @Test
  void impact_pinTheChangedNode_underDirect_rebuildsOnlyIt() throws Exception {
    Cli r =
        Cli.runSample(
            "impact", "-c", "zlib", "--pin", "zlib", "--policy", "direct", "--format", "json");
    assertEquals(0, r.exitCode, r.toString());
    assertEquals(2, JSON.readTree(r.out).get("rebuildCount").asInt()); // zlib on two systems
  }

  @Test
  void impact_table_showsThePinsLine_andNoPinsNoLine() {
    Cli pinned = Cli.runSample("impact", "--change", "zlib", "--pin", "python3,openssl");
    assertEquals(0, pinned.exitCode, pinned.toString());
    assertTrue(pinned.out.contains("\npins            openssl, python3\n"), pinned.out);
    Cli plain = Cli.runSample("impact", "--change", "zlib");
    assertFalse(plain.out.contains("pins"), plain.out);
  }

  @Test
  void impact_unknownPin_exits2WithTheClosestNames() {
    Cli r = Cli.runSample("impact", "--change", "zlib", "--pin", "pyhton3");
    assertEquals(2, r.exitCode, r.toString());
    assertEquals("", r.out);
    assertTrue(
        r.err.startsWith("preflight: error: --pin: unknown package 'pyhton3' (closest: "), r.err);
    assertTrue(r.err.contains("python3"), r.err);
  }

  @Test
  void impact_profile_isThatOfTheCutGraph() throws Exception {
    Cli r = Cli.runSample("impact", "--profile", "--pin", "python3", "--format", "json");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode j = JSON.readTree(r.out);
    assertEquals("[\"python3\"]", j.get("pins").toString());
    for (JsonNode row : j.get("rows")) {
      if (row.get("name").asText().equals("python3")) {
        assertEquals(1, row.get("rebuildCount").asInt(), row.toString());
        assertEquals(0, row.get("directDependents").asInt(), row.toString());
      }
    }
  }

  @Test
  void plan_pin_reachesEveryPartAndEveryFormat() throws Exception {
    Cli r = Cli.runSample("plan", "--change", "zlib", "--pin", "python3", "--format", "json");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode j = JSON.readTree(r.out);
    assertEquals(
        List.of(
            "schemaVersion",
            "changed",
            "pins",
            "policy",
            "order",
            "orderDefault",
            "verdict",
            "impact",
            "cost",
            "risk"),
        Cli.keys(j));
    for (String part : new String[] {"", "impact", "cost", "risk"}) {
      JsonNode doc = part.isEmpty() ? j : j.get(part);
      assertEquals("[\"python3\"]", doc.get("pins").toString(), part);
    }
    assertEquals(18, j.get("impact").get("rebuildCount").asInt());
    assertEquals(18, j.get("cost").get("builds").asInt());
    assertEquals(18, j.get("risk").get("rebuildCount").asInt());

    Cli csv = Cli.runSample("plan", "--change", "zlib", "--pin", "python3", "--format", "csv");
    assertTrue(csv.out.contains("\nchanged,1,name,zlib\npin,1,name,python3\n"), csv.out);
    Cli table = Cli.runSample("plan", "--change", "zlib", "--pin", "python3");
    assertEquals(3, table.out.split("\npins ", -1).length - 1, table.out); // impact, cost, risk
  }

  @Test
  void plan_unknownPin_exits2() {
    Cli r = Cli.runSample("plan", "--change", "zlib", "--pin", "nosuchthing");
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.startsWith("preflight: error: --pin: unknown package 'nosuchthing'"), r.err);
  }

  @Test
  void cost_pinACycleMember_breaksTheCycle() throws Exception {
    // a -> b -> c -> a is a cycle; x needs a; c needs y, the change. The change sits outside the
    // cycle: since 7922fcf a changed package starts the round (its inputs are not waited on), so a
    // changed cycle member no longer closes its cycle in the build order.
    Path g = dir.resolve("cycle.json");
    Files.writeString(
        g,
        "{\"schemaVersion\":1,\"nodes\":["
            + "{\"id\":\"a\",\"system\":\"x86_64-linux\",\"buildSeconds\":60},"
            + "{\"id\":\"b\",\"system\":\"x86_64-linux\",\"buildSeconds\":60},"
            + "{\"id\":\"c\",\"system\":\"x86_64-linux\",\"buildSeconds\":60},"
            + "{\"id\":\"x\",\"system\":\"x86_64-linux\",\"buildSeconds\":60},"
            + "{\"id\":\"y\",\"system\":\"x86_64-linux\",\"buildSeconds\":60}],"
            + "\"edges\":[[\"a\",\"b\"],[\"b\",\"c\"],[\"c\",\"a\"],[\"x\",\"a\"],[\"c\",\"y\"]]}");
    JsonNode whole =
        JSON.readTree(
            Cli.run("cost", "--graph", g.toString(), "--change", "y", "--format", "json").out);
    assertEquals(5, whole.get("builds").asInt());
    assertEquals(1, whole.get("cycles").asInt());
    assertEquals(3, whole.get("cycleMembers").asInt());
    // y, then the cycle as one job whose members build in parallel.
    assertEquals(120.0, whole.get("criticalPathSeconds").asDouble(), 1e-9);
    Cli r = Cli.run("cost", "--graph", g.toString(), "--change", "y", "--pin", "a", "-f", "json");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode cut = JSON.readTree(r.out);
    // y, then c (needs y), b (needs c), a (needs b, pinned): x and the cycle are gone.
    assertEquals(4, cut.get("builds").asInt());
    assertEquals(0, cut.get("cycles").asInt());
    assertEquals("[\"a\"]", cut.get("pins").toString());
    assertEquals(240.0, cut.get("criticalPathSeconds").asDouble(), 1e-9);
  }

  @Test
  void risk_andStats_showThePins() throws Exception {
    Cli risk = Cli.runSample("risk", "--change", "zlib", "--pin", "python3", "--format", "json");
    assertEquals(0, risk.exitCode, risk.toString());
    JsonNode j = JSON.readTree(risk.out);
    assertEquals("[\"python3\"]", j.get("pins").toString());
    assertEquals(18, j.get("rebuildCount").asInt());
    Cli stats = Cli.runSample("stats", "--pin", "python3", "--format", "json");
    assertEquals(0, stats.exitCode, stats.toString());
    JsonNode s = JSON.readTree(stats.out);
    assertEquals("[\"python3\"]", s.get("pins").toString());
    // 70 edges unpinned; the 8 into python3 (both systems) are cut.
    assertEquals(62, s.get("edges").asInt(), stats.out);
  }
}
