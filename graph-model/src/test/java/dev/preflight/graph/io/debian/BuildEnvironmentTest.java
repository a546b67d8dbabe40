package dev.preflight.graph.io.debian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.debian.BuildEnvironment.Alternatives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build environment view on small hand-made indices: each test writes the stanzas it relies on,
 * so the expected edges can be read off the test.
 */
final class BuildEnvironmentTest {
  @TempDir Path dir;

  /** Sources: one stanza per {@code name|Build-Depends} entry (no Build-Depends when empty). */
  private Path sources(String... entries) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String e : entries) {
      String[] parts = e.split("\\|", 2);
      sb.append("Package: ").append(parts[0]).append("\nVersion: 1\n");
      if (parts.length > 1 && !parts[1].isEmpty()) {
        sb.append("Build-Depends: ").append(parts[1]).append('\n');
      }
      sb.append('\n');
    }
    Path p = dir.resolve("Sources");
    Files.writeString(p, sb.toString());
    return p;
  }

  /** A Packages index; stanzas without an Architecture field get {@code amd64}. */
  private Path packages(String text) throws IOException {
    Path p = dir.resolve("Packages");
    Files.writeString(p, withArchitecture(text));
    return p;
  }

  static String withArchitecture(String packagesText) {
    StringBuilder out = new StringBuilder();
    for (String stanza : packagesText.split("\n\n", -1)) {
      if (out.length() > 0) {
        out.append("\n\n");
      }
      out.append(stanza);
      if (!stanza.isBlank() && !stanza.contains("Architecture:")) {
        out.append(stanza.endsWith("\n") ? "" : "\n").append("Architecture: amd64");
        if (stanza.endsWith("\n")) {
          out.append("\n");
        }
      }
    }
    return out.toString();
  }

  private static DebianImporter.Result importEnv(
      Path sources, Path packages, Alternatives alternatives, boolean buildEssential) {
    return DebianImporter.read(
        sources,
        packages,
        DebianImporter.Options.defaults()
            .withBuildEnvironment(new BuildEnvironment(alternatives, buildEssential)),
        Progress.NONE);
  }

  /** The inputs of {@code from}, by name, sorted. */
  private static Set<String> inputs(PackageGraph g, String from) {
    int[] nodes = g.nodesNamed(from);
    assertEquals(1, nodes.length, from);
    Set<String> out = new TreeSet<>();
    for (int p = g.inputsStart(nodes[0]); p < g.inputsEnd(nodes[0]); p++) {
      out.add(g.name(g.input(p)));
    }
    return out;
  }

  private static final String BASE =
      "Package: libc6\nSource: glibc\nDepends: libgcc-s1\n\n"
          + "Package: libgcc-s1\nSource: gcc-12\nDepends: gcc-12-base, libc6 (>= 2.35)\n\n"
          + "Package: gcc-12-base\nSource: gcc-12\n\n";

  @Test
  void metapackage_closureReachesWhatItDependsOn() throws IOException {
    Path s =
        sources(
            "app|python3, debhelper-compat (= 13)",
            "python3-defaults",
            "python3.11",
            "glibc",
            "gcc-12",
            "debhelper");
    Path p =
        packages(
            BASE
                + "Package: python3\nSource: python3-defaults\nDepends: python3.11 (>= 3.11.2)\n\n"
                + "Package: python3.11\nDepends: libpython3.11-stdlib (= 3.11.2-6)\n\n"
                + "Package: libpython3.11-stdlib\nSource: python3.11\n"
                + "Pre-Depends: libc6\nRecommends: debhelper\nSuggests: debhelper\n\n"
                + "Package: debhelper\nProvides: debhelper-compat (= 13)\n");
    PackageGraph direct =
        DebianImporter.read(s, p, DebianImporter.Options.defaults(), Progress.NONE).graph();
    assertEquals(Set.of("python3-defaults", "debhelper"), inputs(direct, "app"));
    PackageGraph env = importEnv(s, p, Alternatives.FIRST, false).graph();
    // python3 -> python3.11 -> libpython3.11-stdlib -Pre-Depends-> libc6 <-> libgcc-s1; not the
    // Recommends or Suggests.
    assertEquals(
        Set.of("python3-defaults", "python3.11", "glibc", "gcc-12", "debhelper"),
        inputs(env, "app"));
    assertEquals(Set.of(), inputs(env, "python3.11"), "no Build-Depends, nothing installed");
    assertEquals("build-env", env.metadata().properties().get("debian.view"));
    assertEquals("first", env.metadata().properties().get("debian.runtimeAlternatives"));
    assertTrue(
        env.metadata().source().endsWith(", build environment: first alternatives)"),
        env.metadata().source());
    assertNull(direct.metadata().properties().get("debian.view"), "the default graph is as before");
  }

  @Test
  void alternatives_firstExistingOneOrAll_startSetAlwaysAll() throws IOException {
    Path s =
        sources(
            "app|mailer, tool-a | tool-b",
            "mail-user|mailer",
            "mailers",
            "exim4",
            "postfix",
            "tools");
    Path p =
        packages(
            "Package: mailer\nSource: mailers\nDepends: not-in-main | exim4 | postfix\n\n"
                + "Package: exim4\n\n"
                + "Package: postfix\n\n"
                + "Package: tool-a\nSource: tools\n\n"
                + "Package: tool-b\nSource: tools\nDepends: postfix\n");
    // FIRST skips the alternative nothing provides and stops at exim4; tool-b is still in the
    // start set (every build-dependency alternative counts), so postfix comes in through it.
    PackageGraph first = importEnv(s, p, Alternatives.FIRST, false).graph();
    assertEquals(Set.of("mailers", "exim4", "tools", "postfix"), inputs(first, "app"));
    assertEquals(Set.of("mailers", "exim4"), inputs(first, "mail-user"));
    PackageGraph all = importEnv(s, p, Alternatives.ALL, false).graph();
    assertEquals(Set.of("mailers", "exim4", "postfix"), inputs(all, "mail-user"));
    assertEquals("all", all.metadata().properties().get("debian.runtimeAlternatives"));
  }

  @Test
  void providers_everyProviderOfAVirtualName() throws IOException {
    Path s = sources("app|scripts", "scripts", "mawk", "gawk", "original-awk");
    Path p =
        packages(
            "Package: scripts\nDepends: awk\n\n"
                + "Package: mawk\nProvides: awk\n\n"
                + "Package: gawk\nProvides: awk\n\n"
                + "Package: original-awk\n");
    for (Alternatives a : Alternatives.values()) {
      assertEquals(
          Set.of("scripts", "mawk", "gawk"),
          inputs(importEnv(s, p, a, false).graph(), "app"),
          a.label());
    }
  }

  @Test
  void cycleAmongBinaries_everyMemberSeesTheWholeCycle() throws IOException {
    Path s = sources("app|libfoo1", "foo", "glibc", "gcc-12", "c-user|libgcc-s1");
    Path p = packages(BASE + "Package: libfoo1\nSource: foo\nDepends: libc6\n");
    PackageGraph g = importEnv(s, p, Alternatives.FIRST, false).graph();
    assertEquals(Set.of("foo", "glibc", "gcc-12"), inputs(g, "app"));
    assertEquals(Set.of("glibc", "gcc-12"), inputs(g, "c-user"));
    // glibc and gcc-12 have no build-dependencies here, so they have no edges of their own.
    assertEquals(Set.of(), inputs(g, "glibc"));
  }

  @Test
  void architectureRestrictions_onlyTheAlternativesThatApply() throws IOException {
    Path s = sources("app|libx [amd64], liby [!amd64], libz [linux-any]", "x", "y", "z", "w");
    Path p =
        packages(
            "Package: libx\nSource: x\n\n"
                + "Package: liby\nSource: y\nDepends: libw\n\n"
                + "Package: libz\nSource: z\n\n"
                + "Package: libw\nSource: w\n");
    PackageGraph amd64 = importEnv(s, p, Alternatives.FIRST, false).graph();
    assertEquals(Set.of("x", "z"), inputs(amd64, "app"));
    PackageGraph arm64 =
        DebianImporter.read(
                s,
                p,
                new DebianImporter.Options(DebianArch.of("arm64"), BuildProfiles.NONE)
                    .withBuildEnvironment(BuildEnvironment.defaults()),
                Progress.NONE)
            .graph();
    assertEquals(Set.of("y", "w", "z"), inputs(arm64, "app"));
  }

  @Test
  void buildEssential_essentialAndBuildEssentialClosureIsAnInputOfEverySource() throws IOException {
    Path s =
        sources(
            "app|",
            "dash|",
            "build-essential|",
            "gcc-defaults|",
            "glibc",
            "gcc-12",
            "lonely|libnothing");
    Path p =
        packages(
            BASE
                + "Package: dash\nEssential: yes\nPre-Depends: libc6\n\n"
                + "Package: build-essential\nDepends: gcc | clang\n\n"
                + "Package: gcc\nSource: gcc-defaults\nDepends: gcc-12\n\n"
                + "Package: gcc-12\nDepends: gcc-12-base\n\n"
                + "Package: clang\nSource: llvm\n\n"
                + "Package: libnothing\nSource: nothing-here\n");
    DebianImporter.Result without = importEnv(s, p, Alternatives.FIRST, false);
    assertEquals(Set.of(), inputs(without.graph(), "app"));
    assertEquals(List.of(), without.buildEssential());
    DebianImporter.Result with = importEnv(s, p, Alternatives.FIRST, true);
    PackageGraph g = with.graph();
    assertEquals(
        List.of("build-essential", "dash", "gcc-12", "gcc-defaults", "glibc"),
        with.buildEssential());
    assertEquals(
        Set.of("build-essential", "dash", "gcc-12", "gcc-defaults", "glibc"), inputs(g, "app"));
    // A source of the set does not depend on itself: the self-edge is dropped and counted.
    assertEquals(Set.of("build-essential", "gcc-12", "gcc-defaults", "glibc"), inputs(g, "dash"));
    assertEquals(5, g.metadata().selfLoopsDropped());
    // libnothing's source is no node: unresolved as before, yet the build still gets the set.
    assertEquals(List.of("libnothing"), g.metadata().unresolved());
    assertEquals(5, inputs(g, "lonely").size());
    assertEquals("5", g.metadata().properties().get("debian.buildEssentialSources"));
    assertTrue(g.metadata().source().endsWith("with build-essential)"), g.metadata().source());
  }

  @Test
  void binariesOfSourcesThatAreNoNode_areStillFollowed() throws IOException {
    Path s = sources("app|libold1", "glibc", "gcc-12");
    Path p = packages(BASE + "Package: libold1\nSource: removed-source\nDepends: libc6\n");
    DebianImporter.Result r = importEnv(s, p, Alternatives.FIRST, false);
    assertEquals(Set.of("glibc", "gcc-12"), inputs(r.graph(), "app"));
    assertEquals(List.of("libold1"), r.graph().metadata().unresolved());
    assertEquals(1, r.unresolvedReferences());
  }

  @Test
  void excerpt_buildEnvironmentContainsEveryBuildDependencyEdge() {
    PackageGraph direct =
        DebianImporter.read(
                DebianTestData.excerptSources(),
                DebianTestData.excerptPackages(),
                DebianImporter.Options.defaults(),
                Progress.NONE)
            .graph();
    for (Alternatives a : Alternatives.values()) {
      PackageGraph env =
          importEnv(DebianTestData.excerptSources(), DebianTestData.excerptPackages(), a, true)
              .graph();
      assertEquals(direct.nodeCount(), env.nodeCount());
      assertEquals(direct.metadata().unresolved(), env.metadata().unresolved());
      assertTrue(env.edgeCount() > direct.edgeCount(), a.label());
      for (int v = 0; v < direct.nodeCount(); v++) {
        Set<String> envInputs = inputs(env, direct.name(v));
        for (String t : inputs(direct, direct.name(v))) {
          assertTrue(envInputs.contains(t), a.label() + ": " + direct.name(v) + " -> " + t);
        }
      }
    }
  }

  @Test
  void names_unknownViewAndRuleListTheKnownOnes() {
    assertEquals(DebianImporter.View.BUILD_ENV, DebianImporter.View.parse("Build-Env"));
    assertEquals(Alternatives.ALL, Alternatives.parse("all"));
    InputException view =
        assertThrows(InputException.class, () -> DebianImporter.View.parse("buildenv"));
    assertTrue(view.getMessage().contains("(known: build-depends, build-env)"), view.getMessage());
    InputException rule = assertThrows(InputException.class, () -> Alternatives.parse("any"));
    assertTrue(rule.getMessage().contains("(known: first, all)"), rule.getMessage());
    assertFalse(DebianImporter.Options.defaults().view() == DebianImporter.View.BUILD_ENV);
  }
}
