package dev.preflight.graph.io.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fixed-output derivations ({@code fixtures/nix/fod-*}): the source fetched with curl is hashed by
 * its declared output hash, so changing curl rebuilds curl and git (which links it), not the source
 * nor hello built from it; and {@code requiredSystemFeatures} read into the node.
 */
final class NixFixedOutputTest {
  @TempDir Path dir;

  /** Names of the nodes that reach one named {@code changed} over the graph's dependents. */
  private static Set<String> rebuiltBy(PackageGraph g, String changed) {
    ArrayDeque<Integer> work = new ArrayDeque<>();
    boolean[] seen = new boolean[g.nodeCount()];
    for (int v : g.nodesNamed(changed)) {
      seen[v] = true;
      work.add(v);
    }
    Set<String> out = new TreeSet<>();
    while (!work.isEmpty()) {
      int v = work.poll();
      out.add(g.name(v));
      for (int d : g.dependentsOf(v)) {
        if (!seen[d]) {
          seen[d] = true;
          work.add(d);
        }
      }
    }
    return out;
  }

  private static int named(PackageGraph g, String name) {
    int[] v = g.nodesNamed(name);
    assertEquals(1, v.length, name);
    return v[0];
  }

  @ParameterizedTest
  @ValueSource(strings = {"fod-old.drv.json", "fod-newer.drv.json", "fod-newest.drv.json"})
  void derivationsFile_fixedOutputStopsPropagation(String file) {
    PackageGraph g = NixImport.readDerivations(NixFixtures.file(file), Progress.NONE);
    assertEquals(8, g.nodeCount());
    int source = named(g, "source");
    assertTrue(g.isFixedOutput(source));
    assertEquals(0, g.inputsOf(source).length, "a fixed output keeps none of its inputs");
    assertEquals(1, g.dependentsOf(source).length, "hello still depends on the source");
    for (int v = 0; v < g.nodeCount(); v++) {
      assertEquals(v == source, g.isFixedOutput(v), g.name(v));
    }
    assertEquals("1", g.metadata().properties().get("nix.fixedOutputs"));
    assertEquals("2", g.metadata().properties().get("nix.fixedOutputInputsCut"));
    assertEquals(Set.of("curl", "git"), rebuiltBy(g, "curl"));
    assertEquals(Set.of("source", "hello"), rebuiltBy(g, "source"));
    assertEquals(List.of("big-parallel"), g.requiredFeatures(named(g, "linux")));
    assertEquals(List.of(), g.requiredFeatures(named(g, "hello")));
  }

  @Test
  void evalJobsAlone_cannotTell_butCarriesFeatures() {
    PackageGraph g = NixImport.readEvalJobs(NixFixtures.file("fod-jobs.jsonl"), Progress.NONE);
    for (int v = 0; v < g.nodeCount(); v++) {
      assertFalse(g.isFixedOutput(v));
    }
    assertEquals(List.of("big-parallel"), g.requiredFeatures(named(g, "linux")));
    NixJobs jobs = NixJobs.of(g);
    for (int v = 0; v < g.nodeCount(); v++) {
      assertTrue(jobs.isJob(v), "every node of an eval-jobs graph is a job");
    }
    assertEquals(List.of("stdenv"), jobs.attributePaths(g, named(g, "stdenv-linux")));
    assertEquals(List.of("curl"), jobs.attributePaths(g, named(g, "curl")));
  }

  @Test
  void dotAlone_cannotTell_withDerivationsItCan() {
    Path dot = NixFixtures.file("fod-hello-git.x86_64-linux.dot");
    PackageGraph alone = NixImport.readDot(dot, Progress.NONE);
    assertFalse(alone.isFixedOutput(named(alone, "source")));
    assertEquals(Set.of("curl", "git", "source", "hello"), rebuiltBy(alone, "curl"));
    PackageGraph merged =
        NixImport.create()
            .derivations(NixFixtures.file("fod-newer.drv.json"))
            .dot(dot)
            .run(Progress.NONE)
            .graph();
    assertTrue(merged.isFixedOutput(named(merged, "source")));
    assertEquals(Set.of("curl", "git"), rebuiltBy(merged, "curl"));
  }

  @Test
  void jobsMergedWithDerivations_marksTheJobs() {
    PackageGraph g =
        NixImport.create()
            .derivations(NixFixtures.file("fod-newest.drv.json"))
            .evalJobs(NixFixtures.file("fod-jobs.jsonl"))
            .run(Progress.NONE)
            .graph();
    NixJobs jobs = NixJobs.of(g);
    Set<String> attributes = new TreeSet<>();
    int count = 0;
    for (int v = 0; v < g.nodeCount(); v++) {
      attributes.addAll(jobs.attributePaths(g, v));
      count += jobs.isJob(v) ? 1 : 0;
    }
    assertEquals(6, count);
    assertEquals(Set.of("stdenv", "zlib", "curl", "git", "hello", "linux"), attributes);
    assertEquals("stdenv-linux", g.name(named(g, "stdenv-linux")), "named by its drv name");
  }

  private PackageGraph inline(String json) throws IOException {
    Path f = dir.resolve("d.drv.json");
    Files.writeString(f, json);
    return NixImport.readDerivations(f, Progress.NONE);
  }

  private static final String SRC = "/nix/store/0c5rb2wzjxlzc9b57yjmzcwfyvpnhmhl-src.drv";
  private static final String CURL = "/nix/store/1ij2prr6bz9blpvk8hr3m3ypwqgrfwaz-curl-8.6.0.drv";

  private static String doc(String srcFields) {
    return "{\""
        + SRC
        + "\": {\"system\": \"x86_64-linux\", \"inputDrvs\": {\""
        + CURL
        + "\": [\"out\"]}"
        + srcFields
        + "}, \""
        + CURL
        + "\": {\"system\": \"x86_64-linux\", \"env\": {\"requiredSystemFeatures\": \"kvm"
        + "  big-parallel \"}}}";
  }

  @Test
  void envOutputHashAlone_isFixed() throws IOException {
    PackageGraph g = inline(doc(", \"env\": {\"outputHash\": \"sha256-AAAA\"}"));
    assertTrue(g.isFixedOutput(g.indexOfId(SRC)));
    assertEquals(List.of("big-parallel", "kvm"), g.requiredFeatures(g.indexOfId(CURL)));
  }

  @Test
  void outputHashAlone_isFixed() throws IOException {
    PackageGraph g =
        inline(doc(", \"outputs\": {\"out\": {\"method\": \"flat\", \"hash\": \"x\"}}"));
    assertTrue(g.isFixedOutput(g.indexOfId(SRC)));
  }

  @Test
  void structuredAttrsOutputHash_isFixed() throws IOException {
    PackageGraph g =
        inline(
            doc(
                ", \"env\": {\"__json\": \"{\\\"outputHash\\\": \\\"sha256-A\\\","
                    + " \\\"requiredSystemFeatures\\\": [\\\"kvm\\\"]}\"}"));
    assertTrue(g.isFixedOutput(g.indexOfId(SRC)));
    assertEquals(List.of("kvm"), g.requiredFeatures(g.indexOfId(SRC)));
  }

  @Test
  void floatingContentAddressed_isNotFixed() throws IOException {
    PackageGraph g =
        inline(
            doc(
                ", \"outputs\": {\"out\": {\"method\": \"nar\", \"hashAlgo\": \"sha256\"}},"
                    + " \"env\": {\"outputHashMode\": \"recursive\", \"outputHashAlgo\":"
                    + " \"sha256\"}"));
    assertFalse(g.isFixedOutput(g.indexOfId(SRC)));
    assertEquals(1, g.inputsOf(g.indexOfId(SRC)).length);
  }
}
