package dev.preflight.bench;

import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.Progress;
import dev.preflight.graph.generate.GeneratorSpec;
import dev.preflight.graph.generate.NixpkgsGenerator;
import dev.preflight.graph.io.GraphFormat;
import dev.preflight.graph.scc.Components;
import dev.preflight.impact.Policy;
import dev.preflight.impact.ReverseClosure;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmarks' inputs, built in one place: seeded synthetic graphs of the shapes the speed
 * targets name, the bundled or a user-given graph file, and the change a benchmark measures.
 * Everything here is deterministic for the same arguments.
 */
final class BenchGraphs {
  private static final String[] SYSTEMS = {
    "aarch64-darwin", "aarch64-linux", "x86_64-darwin", "x86_64-linux"
  };
  private static final String[] CHANNELS = {"nixos-small", "nixos-unstable", "release-blocking"};
  private static final String[] SYLLABLES = {
    "lib", "py", "gtk", "qt", "x", "z", "curl", "ssl", "perl", "rust", "go", "node", "font", "gnu",
    "sql", "ml", "cpp", "dev", "util", "core", "io", "net", "tk", "kit", "pkg", "bz", "xml", "json"
  };
  private static final String BASE32 = "0123456789abcdfghijklmnpqrsvwxyz";

  private BenchGraphs() {}

  /**
   * The project's synthetic nixpkgs-like graph, as {@code preflight generate --nodes n --seed s}.
   */
  static PackageGraph generated(int nodes, long seed) {
    return NixpkgsGenerator.generate(GeneratorSpec.of(nodes, seed), Progress.NONE);
  }

  /**
   * A seeded graph shaped like Debian's build-dependency graph: nodes {@code [0, cycle)} form one
   * strongly connected component (a ring plus random chords); nodes {@code [cycle, cycle + base)}
   * are below it (the cycle needs them; they need only lower base nodes); every other node needs a
   * cycle member with probability 0.998 and about {@code inputs} further inputs, half in the cycle
   * and half among lower-numbered upper nodes.
   */
  static PackageGraph debianLike(int n, int cycle, int base, int inputs, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    PackageGraphBuilder b = PackageGraph.builder();
    for (int v = 0; v < n; v++) {
      b.addNode(NodeRecord.of("src" + v + "@amd64", "src" + v, "amd64"));
    }
    for (int v = 0; v < cycle; v++) {
      b.addEdge(v, (v + 1) % cycle);
      for (int k = 0; k < 4; k++) {
        b.addEdge(v, r.nextInt(cycle));
      }
      b.addEdge(v, cycle + r.nextInt(base));
    }
    for (int v = cycle + 1; v < cycle + base; v++) {
      int k = r.nextInt(3);
      for (int e = 0; e < k; e++) {
        b.addEdge(v, cycle + r.nextInt(v - cycle));
      }
    }
    int upper = cycle + base;
    for (int v = upper; v < n; v++) {
      if (r.nextInt(1000) >= 2) {
        b.addEdge(v, r.nextInt(cycle));
      }
      int k = r.nextInt(2 * inputs);
      for (int e = 0; e < k; e++) {
        if (r.nextBoolean() || v == upper) {
          b.addEdge(v, r.nextInt(cycle));
        } else {
          b.addEdge(v, upper + r.nextInt(v - upper));
        }
      }
    }
    return b.build();
  }

  /** The seeded synthetic Debian-shaped graph, or the graph in {@code file}. */
  static PackageGraph load(String file) {
    if (file.equals("synthetic")) {
      return debianLike(34_288, 4_900, 150, 9, 20261122L);
    }
    return GraphFormat.load(Path.of(file), null, Progress.NONE);
  }

  /**
   * The node whose change rebuilds the most under {@code transitive}, the lowest index among
   * equals.
   *
   * <p>Only components with no inputs in the condensation can hold it: if component {@code c} needs
   * {@code d}, everything that reaches {@code c} also reaches {@code d}, so {@code d}'s closure
   * contains {@code c}'s, and it is strictly bigger unless {@code c} and {@code d} reach each other
   * (then they are one component). Members of one component share one closure, and a node outside
   * the winning components has a strictly smaller closure, so the answer is the lowest member of
   * the biggest such component, found with one closure per candidate component instead of a whole
   * impact profile (on the 1,000,000-node graph: ~340 closures, seconds instead of minutes).
   */
  static int biggestClosure(PackageGraph g) {
    Components c = g.components();
    ReverseClosure engine = new ReverseClosure(g);
    int best = -1;
    int bestSize = -1;
    for (int x = 0; x < c.count(); x++) {
      if (c.inputsStart(x) != c.inputsEnd(x)) {
        continue;
      }
      int lowest = c.member(c.membersStart(x)); // members are ascending
      int size = engine.closure(new int[] {lowest}, Policy.TRANSITIVE).size();
      if (size > bestSize || (size == bestSize && lowest < best)) {
        best = lowest;
        bestSize = size;
      }
    }
    return best;
  }

  /**
   * A nixpkgs-like graph: {@code /nix/store/<hash>-<name>-<version>.drv} ids, four systems,
   * log-normal build times, a few channels and aliases; each node needs about {@code meanInputs}
   * distinct lower-numbered nodes, skewed towards the first ones (the popular libraries).
   */
  static PackageGraph nixLike(int n, double meanInputs, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    PackageGraphBuilder b = PackageGraph.builder().description("synthetic nixpkgs-like graph");
    b.property("seed", Long.toString(seed));
    char[] hash = new char[32];
    for (int v = 0; v < n; v++) {
      String name =
          SYLLABLES[r.nextInt(SYLLABLES.length)]
              + SYLLABLES[r.nextInt(SYLLABLES.length)]
              + (r.nextInt(3) == 0 ? "-" + SYLLABLES[r.nextInt(SYLLABLES.length)] : "")
              + (v % 7 == 0 ? "" : Integer.toString(v % 1000));
      String version = r.nextInt(10) + "." + r.nextInt(30) + "." + r.nextInt(12);
      for (int i = 0; i < hash.length; i++) {
        hash[i] = BASE32.charAt(r.nextInt(32));
      }
      NodeStatus status =
          r.nextInt(20) == 0
              ? NodeStatus.RED
              : r.nextInt(10) == 0 ? NodeStatus.UNKNOWN : NodeStatus.GREEN;
      b.addNode(
          new NodeRecord(
              "/nix/store/" + new String(hash) + "-" + name + "-" + version + ".drv",
              name,
              version,
              SYSTEMS[r.nextInt(SYSTEMS.length)],
              r.nextInt(20) == 0 ? Double.NaN : Math.exp(3.3 + 1.5 * gaussian(r)),
              status,
              r.nextInt(10) == 0 ? List.of(CHANNELS[r.nextInt(CHANNELS.length)]) : List.of(),
              r.nextInt(30) == 0 ? List.of(name + "Packages." + name) : List.of(),
              r.nextInt(4) == 0 ? -1 : (long) Math.exp(10 + 2 * gaussian(r)),
              r.nextInt(50) == 0 ? 0.5 : Double.NaN));
    }
    int[] chosen = new int[(int) (2 * meanInputs) + 2];
    for (int v = 1; v < n; v++) {
      int degree = Math.min(v, (int) Math.round(meanInputs * 2 * r.nextDouble()));
      int k = 0;
      while (k < degree) {
        double u = r.nextDouble();
        int t = (int) (v * u * u * u);
        boolean repeated = false;
        for (int i = 0; i < k; i++) {
          repeated |= chosen[i] == t;
        }
        if (!repeated) {
          chosen[k++] = t;
        }
      }
      Arrays.sort(chosen, 0, k);
      for (int i = 0; i < k; i++) {
        b.addEdge(v, chosen[i]);
      }
    }
    return b.build();
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
    double u = 1 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
