package dev.preflight.graph.generate;

import static dev.preflight.graph.testing.GraphAssertions.assertSameGraph;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's structural claims (docs/generate.md), checked on a 20,000-node graph; the
 * duration figures on a 40,000-node one.
 */
final class NixpkgsGeneratorTest {
  private static PackageGraph g20;

  @TempDir Path dir;

  @BeforeAll
  static void generate() {
    g20 = NixpkgsGenerator.generate(GeneratorSpec.of(20_000, 42), Progress.NONE);
  }

  // ---------------------------------------------------------------- sizes and determinism

  @Test
  void generate_sameSpec_givesByteIdenticalFiles() throws Exception {
    PackageGraph a = NixpkgsGenerator.generate(GeneratorSpec.of(3_000, 7), Progress.NONE);
    PackageGraph b = NixpkgsGenerator.generate(GeneratorSpec.of(3_000, 7), Progress.NONE);
    assertSameGraph(a, b);
    Path fa = dir.resolve("a.json");
    Path fb = dir.resolve("b.json");
    GraphFormat.JSON.write(a, fa);
    GraphFormat.JSON.write(b, fb);
    assertArrayEquals(Files.readAllBytes(fa), Files.readAllBytes(fb));
  }

  @Test
  void generate_otherSeed_givesAnotherGraph() {
    PackageGraph a = NixpkgsGenerator.generate(GeneratorSpec.of(3_000, 7), Progress.NONE);
    PackageGraph b = NixpkgsGenerator.generate(GeneratorSpec.of(3_000, 8), Progress.NONE);
    assertEquals(a.nodeCount(), b.nodeCount());
    assertNotEquals(a.edgeCount(), b.edgeCount());
  }

  @Test
  void generate_exactNodeCount_forAnySizeAndSystems() {
    List<List<String>> systemSets =
        List.of(
            GeneratorSpec.DEFAULT_SYSTEMS,
            List.of("x86_64-linux"),
            List.of("aarch64-darwin"),
            List.of("x86_64-darwin", "aarch64-darwin"),
            List.of("aarch64-linux", "x86_64-darwin", "riscv64-linux"));
    for (List<String> systems : systemSets) {
      int min = NixpkgsGenerator.minimumNodes(systems);
      for (int n : new int[] {min, min + 1, min + 997, 6_001}) {
        PackageGraph g = NixpkgsGenerator.generate(new GeneratorSpec(n, n, systems), Progress.NONE);
        assertEquals(n, g.nodeCount(), systems + " " + n);
        assertEquals(Set.copyOf(systems), Set.copyOf(g.systems()));
      }
    }
  }

  @Test
  void generate_badSpecs_areInputErrors() {
    InputException small =
        assertThrows(
            InputException.class,
            () -> NixpkgsGenerator.generate(GeneratorSpec.of(100, 1), Progress.NONE));
    assertTrue(small.getMessage().contains("at least"), small.getMessage());
    assertThrows(InputException.class, () -> new GeneratorSpec(1000, 1, List.of("x86_64-windows")));
    assertThrows(
        InputException.class,
        () -> new GeneratorSpec(1000, 1, List.of("x86_64-linux", "x86_64-linux")));
    assertThrows(InputException.class, () -> new GeneratorSpec(0, 1, List.of("x86_64-linux")));
  }

  // ---------------------------------------------------------------- structure

  @Test
  void structure_meanInputsAndHubs_likeNixpkgs() {
    double meanInputs = g20.edgeCount() / (double) g20.nodeCount();
    assertTrue(meanInputs >= 7 && meanInputs <= 10, "mean inputs " + meanInputs);
    int stdenv = g20.indexOfId("stdenv@x86_64-linux");
    int linuxNodes = count(g20, "x86_64-linux");
    // Everything but the bootstrap chain below it needs stdenv directly.
    assertEquals(linuxNodes - stdenv - 1, g20.dependentCount(stdenv));
    int maxOther = 0;
    for (int v = 0; v < g20.nodeCount(); v++) {
      if (!g20.name(v).equals("stdenv")) {
        maxOther = Math.max(maxOther, g20.dependentCount(v));
      }
    }
    assertTrue(maxOther >= 1_000, "largest non-stdenv fan-in " + maxOther);
    assertTrue(g20.components().nonTrivialCount() == 0, "nixpkgs is acyclic");
  }

  @Test
  void structure_fanIn_hasAPowerLawTail() {
    // Among nodes with dependents, each decade of fan-in keeps a similar, moderate share of the
    // previous one (an exponential tail would collapse after the first).
    int[] atLeast = new int[4]; // >= 1, 10, 100, 1000
    for (int v = 0; v < g20.nodeCount(); v++) {
      int d = g20.dependentCount(v);
      for (int k = 0, t = 1; k < 4; k++, t *= 10) {
        if (d >= t) {
          atLeast[k]++;
        }
      }
    }
    for (int k = 1; k < 4; k++) {
      double ratio = atLeast[k] / (double) atLeast[k - 1];
      assertTrue(ratio > 0.04 && ratio < 0.4, "decade " + k + " keeps " + ratio);
    }
    double leaves = 1 - atLeast[0] / (double) g20.nodeCount();
    assertTrue(leaves > 0.6 && leaves < 0.8, "share of leaves " + leaves);
  }

  @Test
  void closure_stdenvRebuildsItsWholeSystem_leafRebuildsOne() {
    for (String system : GeneratorSpec.DEFAULT_SYSTEMS) {
      int stdenv = g20.indexOfId("stdenv@" + system);
      int rebuild = rebuildCount(g20, stdenv);
      int nodes = count(g20, system);
      // All but the bootstrap derivations below stdenv (stdenv itself rebuilds).
      assertEquals(nodes - bootstrap(system) + 1, rebuild, system);
      assertTrue(rebuild > 0.99 * nodes, system + ": " + rebuild + " of " + nodes);
    }
    int hello = g20.indexOfId("hello@x86_64-linux");
    assertEquals(1, rebuildCount(g20, hello));
    int linux = count(g20, "x86_64-linux");
    // openssl is in python3's, curl's and cmake's closure: a mass rebuild, as in nixpkgs.
    int openssl = rebuildCount(g20, g20.indexOfId("openssl@x86_64-linux"));
    assertTrue(openssl > 0.5 * linux, "openssl rebuilds " + openssl + " of " + linux);
    // A compiler rebuilds its ecosystem and little else.
    int haskell = 0;
    for (int v = 0; v < g20.nodeCount(); v++) {
      if (g20.system(v).equals("x86_64-linux") && g20.name(v).startsWith("haskellPackages.")) {
        haskell++;
      }
    }
    int ghc = rebuildCount(g20, g20.indexOfId("ghc@x86_64-linux"));
    assertTrue(ghc > haskell && ghc < 0.15 * linux, "ghc rebuilds " + ghc + ", set " + haskell);
    int requests = rebuildCount(g20, g20.indexOfId("python3Packages.requests@x86_64-linux"));
    assertTrue(requests > 1 && requests < 0.05 * linux, "requests rebuilds " + requests);
  }

  @Test
  void systems_darwinHasNinetyPercent_andNoLinuxOnlyPackages() {
    double share = count(g20, "x86_64-darwin") / (double) count(g20, "x86_64-linux");
    assertTrue(share > 0.88 && share < 0.92, "darwin share " + share);
    assertTrue(g20.indexOfId("systemd@x86_64-linux") >= 0);
    assertEquals(-1, g20.indexOfId("systemd@x86_64-darwin"));
    assertEquals(-1, g20.indexOfId("linux@aarch64-darwin"));
    assertTrue(g20.indexOfId("glibc@x86_64-linux") >= 0);
    assertEquals(-1, g20.indexOfId("glibc@x86_64-darwin"));
    assertTrue(g20.indexOfId("apple-sdk@x86_64-darwin") >= 0);
    // Firefox on darwin is built without its linux-only inputs (dbus, alsa-lib).
    int firefox = g20.indexOfId("firefox@aarch64-darwin");
    assertTrue(firefox >= 0);
    for (int w : g20.inputsOf(firefox)) {
      assertEquals("aarch64-darwin", g20.system(w));
      assertNotEquals("dbus", g20.name(w));
    }
    assertEquals(4, g20.nodesNamed("openssl").length);
    assertEquals(List.of("openssl_3"), g20.aliases(g20.indexOfId("openssl@x86_64-linux")));
  }

  // ---------------------------------------------------------------- attributes

  @Test
  void statuses_fivePercentRed_dependencyFailuresPropagate() {
    int red = 0;
    int unknown = 0;
    for (int v = 0; v < g20.nodeCount(); v++) {
      NodeStatus s = g20.lastStatus(v);
      red += s == NodeStatus.RED ? 1 : 0;
      unknown += s == NodeStatus.UNKNOWN ? 1 : 0;
      if (s == NodeStatus.GREEN) {
        for (int w : g20.inputsOf(v)) {
          assertNotEquals(NodeStatus.RED, g20.lastStatus(w), g20.id(v) + " green on red input");
        }
      }
    }
    double redShare = red / (double) g20.nodeCount();
    double unknownShare = unknown / (double) g20.nodeCount();
    assertTrue(redShare > 0.035 && redShare < 0.07, "RED " + redShare);
    assertTrue(unknownShare > 0.01 && unknownShare < 0.03, "UNKNOWN " + unknownShare);
    assertEquals(NodeStatus.GREEN, g20.lastStatus(g20.indexOfId("stdenv@aarch64-darwin")));
  }

  @Test
  void channels_smallSetOnLinuxOnly_closedUnderInputs() {
    int small = 0;
    for (int v = 0; v < g20.nodeCount(); v++) {
      List<String> c = g20.channels(v);
      if (c.contains("nixos-small")) {
        small++;
        assertTrue(g20.system(v).endsWith("-linux"), g20.id(v));
        assertTrue(c.contains("nixpkgs-unstable"), g20.id(v));
      }
      for (String channel : c) {
        for (int w : g20.inputsOf(v)) {
          assertTrue(g20.channels(w).contains(channel), g20.id(v) + " -> " + g20.id(w));
        }
      }
    }
    int perLinuxSystem = small / 2;
    assertTrue(perLinuxSystem > 300 && perLinuxSystem < 1_500, "nixos-small " + perLinuxSystem);
    assertTrue(g20.channels(g20.indexOfId("zlib@x86_64-linux")).contains("nixos-small"));
    assertFalse(g20.channels(g20.indexOfId("zlib@x86_64-darwin")).contains("nixos-small"));
    assertTrue(g20.channels(g20.indexOfId("zlib@x86_64-darwin")).contains("nixpkgs-unstable"));
  }

  @Test
  void durations_debianShape_onFortyThousandNodes() {
    PackageGraph g = NixpkgsGenerator.generate(GeneratorSpec.of(40_000, 1), Progress.NONE);
    double[] s = new double[g.nodeCount()];
    double sum = 0;
    int under30 = 0;
    int overHour = 0;
    for (int v = 0; v < s.length; v++) {
      s[v] = g.buildSeconds(v);
      assertTrue(s[v] > 0 && s[v] <= SyntheticDurations.MAX_SECONDS, g.id(v) + " " + s[v]);
      assertTrue(g.sizeBytes(v) > 0, g.id(v));
      sum += s[v];
      under30 += s[v] < 30 ? 1 : 0;
      overHour += s[v] > 3600 ? 1 : 0;
    }
    double[] sorted = s.clone();
    java.util.Arrays.sort(sorted);
    double median = sorted[s.length / 2];
    double mean = sum / s.length;
    assertTrue(median > 23 && median < 32, "median " + median);
    assertTrue(mean > 63 && mean < 95, "mean " + mean);
    double share30 = under30 / (double) s.length;
    assertTrue(share30 > 0.50 && share30 < 0.58, "under 30 s " + share30);
    double shareHour = overHour / (double) s.length;
    assertTrue(shareHour > 0.0008 && shareHour < 0.004, "over one hour " + overHour);
    double longest = sorted[s.length - 1];
    assertTrue(longest > 4 * 3600 && longest <= 6 * 3600, "longest " + longest);
    // The longest draws go to the packages known to build longest.
    int chromium = g.indexOfId("chromium@x86_64-linux");
    int rank = 0;
    for (double x : s) {
      rank += x > s[chromium] ? 1 : 0;
    }
    assertTrue(rank < 12, "chromium's build is #" + (rank + 1));
  }

  // ---------------------------------------------------------------- helpers

  private static int count(PackageGraph g, String system) {
    int n = 0;
    for (int v = 0; v < g.nodeCount(); v++) {
      n += g.system(v).equals(system) ? 1 : 0;
    }
    return n;
  }

  private static int bootstrap(String system) {
    // Bootstrap nodes are those before stdenv in the node order of the system.
    int first = -1;
    for (int v = 0; v < g20.nodeCount(); v++) {
      if (g20.system(v).equals(system)) {
        first = v;
        break;
      }
    }
    return g20.indexOfId("stdenv@" + system) - first + 1;
  }

  /** Transitive dependents of {@code changed}, itself included (the oracle: plain BFS). */
  private static int rebuildCount(PackageGraph g, int changed) {
    Set<Integer> seen = new HashSet<>();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(changed);
    seen.add(changed);
    while (!queue.isEmpty()) {
      int v = queue.poll();
      for (int d : g.dependentsOf(v)) {
        if (seen.add(d)) {
          queue.add(d);
        }
      }
    }
    return seen.size();
  }
}
