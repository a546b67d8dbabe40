package dev.preflight.graph.io.nix;

import static dev.preflight.graph.io.nix.NixFixtures.DOT;
import static dev.preflight.graph.io.nix.NixFixtures.JOBS;
import static dev.preflight.graph.io.nix.NixFixtures.NEWER;
import static dev.preflight.graph.io.nix.NixFixtures.NEWEST;
import static dev.preflight.graph.io.nix.NixFixtures.OLD;
import static dev.preflight.graph.io.nix.NixFixtures.assertSameDerivations;
import static dev.preflight.graph.io.nix.NixFixtures.file;
import static dev.preflight.graph.io.nix.NixFixtures.ids;
import static dev.preflight.graph.io.nix.NixFixtures.node;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class NixImportTest {
  private static final String LINUX = "x86_64-linux";
  private static final String DARWIN = "aarch64-darwin";

  private static NixImport.Result derivations(String name) {
    return NixImport.create().derivations(file(name)).run(Progress.NONE);
  }

  @Test
  void derivations_oldShape_readsEveryDerivationWithFullPathIds() {
    NixImport.Result r = derivations(OLD);
    PackageGraph g = r.graph();
    assertEquals(22, g.nodeCount());
    assertEquals(0, r.unresolvedInputs());
    assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    for (int v = 0; v < g.nodeCount(); v++) {
      assertTrue(g.id(v).matches("/nix/store/[0-9a-df-np-sv-z]{32}-.+\\.drv"), g.id(v));
    }
    int curl = node(g, "curl-8.6.0", LINUX);
    assertEquals("curl", g.name(curl));
    assertEquals("8.6.0", g.version(curl));
    assertEquals(5, g.inputCount(curl)); // stdenv, bash, openssl, zlib, perl
    int openssl = node(g, "openssl-3.0.13", LINUX);
    assertTrue(Arrays.stream(g.inputsOf(curl)).anyMatch(w -> w == openssl), "curl needs openssl");
    int glibc = node(g, "glibc-2.39-52", LINUX);
    assertEquals("glibc", g.name(glibc));
    assertEquals("2.39-52", g.version(glibc));
    // Bootstrap derivations have no pname: their drv name is the name.
    int stage0 = node(g, "bootstrap-stage0-stdenv-linux", LINUX);
    assertEquals("bootstrap-stage0-stdenv-linux", g.name(stage0));
    assertEquals("", g.version(stage0));
    int darwinCurl = node(g, "curl-8.6.0", DARWIN);
    assertEquals(DARWIN, g.system(darwinCurl));
    assertEquals(List.of(DARWIN, LINUX), g.systems());
    assertEquals(
        "inputDrvs lists (platform)", g.metadata().properties().get("nix.derivations.shape"));
  }

  @Test
  void derivations_threeShapes_giveTheSameGraph() {
    PackageGraph old = derivations(OLD).graph();
    PackageGraph newer = derivations(NEWER).graph();
    PackageGraph newest = derivations(NEWEST).graph();
    assertSameDerivations(old, newer, null);
    assertSameDerivations(old, newest, null);
    assertEquals(old.edgeCount(), newest.edgeCount());
    assertEquals("inputDrvs objects", newer.metadata().properties().get("nix.derivations.shape"));
    assertEquals(
        "wrapped (version 4)", newest.metadata().properties().get("nix.derivations.shape"));
  }

  @Test
  void dot_nixStoreGraph_matchesTheDerivationsOfItsClosure() {
    NixImport.Result r = NixImport.create().dot(file(DOT)).dotSystem(LINUX).run(Progress.NONE);
    PackageGraph dot = r.graph();
    PackageGraph drv = derivations(NEWEST).graph();
    // The closure of curl and hello on x86_64-linux: every linux derivation but none of darwin.
    assertEquals(17, dot.nodeCount());
    assertSameDerivations(drv, dot, ids(dot));
    assertEquals(ids(dot).size(), NixFixtures.nodes(drv, ids(dot)).size(), "all DOT nodes known");
    // The builder script is an input source, not a build.
    assertEquals("1", dot.metadata().properties().get("nix.dot.nonDerivationPathsSkipped"));
    // Direction: nix-store draws reference -> referrer; curl needs openssl.
    int curl = node(dot, "curl-8.6.0", LINUX);
    int openssl = node(dot, "openssl-3.0.13", LINUX);
    assertTrue(Arrays.stream(dot.inputsOf(curl)).anyMatch(w -> w == openssl));
    assertEquals(0, dot.dependentCount(curl));
    assertEquals(0, r.unresolvedInputs());
  }

  @Test
  void dot_withoutSystem_leavesSystemEmpty() {
    PackageGraph g = NixImport.readDot(file(DOT), Progress.NONE);
    assertEquals(List.of(""), g.systems());
  }

  @Test
  void dot_dependentToDependencyDirection_reversesEdges() {
    PackageGraph nixStore = NixImport.create().dot(file(DOT)).run(Progress.NONE).graph();
    PackageGraph needs =
        NixImport.create()
            .dot(file(DOT))
            .dotEdges(DotEdges.DEPENDENT_TO_DEPENDENCY)
            .run(Progress.NONE)
            .graph();
    int curl = node(needs, "curl-8.6.0", "");
    assertEquals(0, needs.inputCount(curl));
    assertEquals(nixStore.edgeCount(), needs.edgeCount());
    for (int v = 0; v < nixStore.nodeCount(); v++) {
      int w = needs.indexOfId(nixStore.id(v));
      assertEquals(nixStore.inputCount(v), needs.dependentCount(w), nixStore.id(v));
    }
  }

  @Test
  void evalJobs_aliasesAndErrors_countedOnce() {
    NixImport.Result r = NixImport.create().evalJobs(file(JOBS)).run(Progress.NONE);
    PackageGraph g = r.graph();
    // 10 job lines (openssl twice), 1 error line.
    assertEquals(9, g.nodeCount());
    assertEquals("10", g.metadata().properties().get("nix.eval-jobs.jobs"));
    assertEquals("1", g.metadata().properties().get("nix.eval-jobs.evalErrors"));
    int openssl = node(g, "openssl-3.0.13", LINUX);
    assertEquals("openssl", g.name(openssl));
    assertEquals(List.of("openssl_3"), g.aliases(openssl));
    assertEquals(openssl, g.indexOfAlias("openssl_3"));
    int stdenv = node(g, "stdenv-linux", LINUX);
    assertEquals("stdenv-linux", g.name(stdenv));
    assertEquals(List.of("stdenv"), g.aliases(stdenv), "attribute differs from the drv name");
    assertEquals(List.of(), g.aliases(node(g, "curl-8.6.0", DARWIN)));
    assertTrue(
        r.warnings().stream().anyMatch(w -> w.contains("brokenPackage") && w.contains("line 7")),
        r.warnings().toString());
    // Inputs that are not jobs (bash, bootstrap stages) are unresolved.
    assertTrue(r.unresolvedInputs() > 0);
    assertTrue(g.metadata().unresolved().stream().anyMatch(u -> u.endsWith("-bash-5.2p26.drv")));
    assertSameDerivations(derivations(OLD).graph(), g, ids(g));
  }

  @Test
  void evalJobsWithDerivations_fullGraphPlusAliases() {
    NixImport.Result r =
        NixImport.create().derivations(file(NEWER)).evalJobs(file(JOBS)).run(Progress.NONE);
    PackageGraph g = r.graph();
    PackageGraph alone = derivations(NEWER).graph();
    assertSameDerivations(alone, g, null);
    assertEquals(0, r.unresolvedInputs());
    assertEquals(List.of("openssl_3"), g.aliases(node(g, "openssl-3.0.13", LINUX)));
    // openssl_3, and "stdenv" on both systems (the drv names are stdenv-linux, stdenv-darwin).
    assertEquals("3", g.metadata().properties().get("nix.aliases"));
  }

  @Test
  void graphFormat_picksNixFormatsByExtensionAndName() {
    PackageGraph byExt = GraphFormat.load(file(NEWEST), null, Progress.NONE);
    assertEquals(22, byExt.nodeCount());
    assertEquals(17, GraphFormat.load(file(DOT), null, Progress.NONE).nodeCount());
    assertEquals(9, GraphFormat.load(file(JOBS), null, Progress.NONE).nodeCount());
    assertEquals(22, GraphFormat.load(file(OLD), "nix-derivations", Progress.NONE).nodeCount());
    assertEquals(GraphFormat.NIX_DOT, GraphFormat.byName("nix-dot"));
    assertTrue(!GraphFormat.NIX_DOT.canWrite());
  }

  @Test
  void import_isDeterministic() {
    PackageGraph a = derivations(NEWEST).graph();
    PackageGraph b = derivations(NEWEST).graph();
    for (int v = 0; v < a.nodeCount(); v++) {
      assertEquals(a.record(v), b.record(v));
      assertArrayEquals(a.inputsOf(v), b.inputsOf(v));
    }
    assertEquals(Set.copyOf(a.metadata().unresolved()), Set.copyOf(b.metadata().unresolved()));
  }
}
