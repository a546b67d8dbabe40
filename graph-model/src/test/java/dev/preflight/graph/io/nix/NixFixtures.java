package dev.preflight.graph.io.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.preflight.graph.PackageGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The hand-made Nix fixtures in {@code fixtures/nix/} and comparisons between their graphs. */
final class NixFixtures {
  private NixFixtures() {}

  static Path dir() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path f = d.resolve("fixtures/nix");
      if (Files.isDirectory(f)) {
        return f;
      }
    }
    throw new IllegalStateException("fixtures/nix not found above " + Path.of("").toAbsolutePath());
  }

  static Path file(String name) {
    return dir().resolve(name);
  }

  static final String OLD = "derivations-old.drv.json";
  static final String NEWER = "derivations-newer.drv.json";
  static final String NEWEST = "derivations-newest.drv.json";
  static final String DOT = "curl-hello.x86_64-linux.dot";
  static final String JOBS = "release-jobs.jsonl";

  /** Node attributes that every format can carry: id, name, version, system. */
  static TreeMap<String, String> nodes(PackageGraph g, Set<String> only) {
    TreeMap<String, String> m = new TreeMap<>();
    for (int v = 0; v < g.nodeCount(); v++) {
      if (only == null || only.contains(g.id(v))) {
        m.put(g.id(v), g.name(v) + " " + g.version(v) + " " + g.system(v));
      }
    }
    return m;
  }

  /** Edges as "dependent -> input" id pairs, restricted to nodes in {@code only} if not null. */
  static TreeSet<String> edges(PackageGraph g, Set<String> only) {
    TreeSet<String> s = new TreeSet<>();
    for (int v = 0; v < g.nodeCount(); v++) {
      for (int w : g.inputsOf(v)) {
        if (only == null || (only.contains(g.id(v)) && only.contains(g.id(w)))) {
          s.add(g.id(v) + " -> " + g.id(w));
        }
      }
    }
    return s;
  }

  static Set<String> ids(PackageGraph g) {
    TreeSet<String> s = new TreeSet<>();
    for (int v = 0; v < g.nodeCount(); v++) {
      s.add(g.id(v));
    }
    return s;
  }

  /** Same nodes (id, name, version, system) and same edges, where {@code b} describes them. */
  static void assertSameDerivations(PackageGraph a, PackageGraph b, Set<String> only) {
    assertEquals(nodes(a, only), nodes(b, only), "nodes");
    assertEquals(edges(a, only), edges(b, only), "edges");
  }

  /** The node whose id ends with {@code -<drvName>.drv} on {@code system}. */
  static int node(PackageGraph g, String drvName, String system) {
    for (int v = 0; v < g.nodeCount(); v++) {
      if (g.id(v).endsWith("-" + drvName + ".drv") && g.system(v).equals(system)) {
        return v;
      }
    }
    throw new AssertionError("no node " + drvName + " on " + system);
  }
}
