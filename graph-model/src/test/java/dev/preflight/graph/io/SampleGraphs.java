package dev.preflight.graph.io;

import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Graphs for the format tests: one with every attribute and awkward value, and big ones. */
public final class SampleGraphs {
  private static final String[] SYSTEMS = {
    "aarch64-darwin", "aarch64-linux", "x86_64-darwin", "x86_64-linux"
  };
  private static final String[] CHANNELS = {"nixos-small", "nixos-unstable", "release-blocking"};
  private static final String[] SYLLABLES = {
    "lib", "py", "gtk", "qt", "x", "z", "curl", "ssl", "perl", "rust", "go", "node", "font", "gnu",
    "sql", "ml", "cpp", "dev", "util", "core", "io", "net", "tk", "kit", "pkg", "bz", "xml", "json"
  };
  private static final String BASE32 = "0123456789abcdfghijklmnpqrsvwxyz";

  private SampleGraphs() {}

  /**
   * The shape of {@code JsonGraphFormatTest.richGraph} plus every attribute and the values a text
   * format must escape: tabs, newlines, backslashes, commas in list items, a leading '#', unicode;
   * a self-loop and a repeated edge (counted in the metadata), all three statuses.
   */
  public static PackageGraph rich() {
    PackageGraphBuilder b = PackageGraph.builder().description("test \"graph\"\twith\ttabs\n");
    b.property("seed", "7");
    b.property("odd\tkey", "value\\with\\backslashes");
    b.unresolved(List.of("libfoo-dev", "abc", "has,comma"));
    b.addNode(
        new NodeRecord(
            "/nix/store/aaa-zlib-1.3.drv",
            "zlib",
            "1.3",
            "x86_64-linux",
            20.5,
            NodeStatus.GREEN,
            List.of("nixos-small", "release-blocking"),
            List.of("zlib-ng-compat", "a,b", "back\\slash"),
            1000,
            0.9));
    b.addNode(NodeRecord.of("curl", "curl", "x86_64-linux").withStatus(NodeStatus.RED));
    b.addNode(NodeRecord.of("ünïcode\tname", "ü", "aarch64-darwin"));
    b.addNode(
        NodeRecord.of("#hash-first", "#hash", "x86_64-linux")
            .withVersion("")
            .withBuildSeconds(0)
            .withSizeBytes(0)
            .withUnchangedProbability(0)
            .withChannels(List.of("release-blocking", "nixos-small", "nixos-small")));
    b.addNode(
        NodeRecord.of("line\nbreak\r\\", "n", "")
            .withVersion("2.0-rc1")
            .withBuildSeconds(1e-7)
            .withUnchangedProbability(1)
            .withStatus(NodeStatus.UNKNOWN));
    b.addNode(NodeRecord.of("lonely", "lonely", "riscv64-linux").withBuildSeconds(21600.25));
    b.addEdge(1, 0).addEdge(2, 1).addEdge(1, 1).addEdge(3, 4).addEdge(3, 0).addEdge(3, 4);
    b.addEdge(4, 2).addEdge(2, 3);
    return b.build();
  }

  /**
   * A nixpkgs-like graph: store-path ids, names, versions, four systems, log-normal build times,
   * some channels and aliases, and about {@code n * meanInputs} edges from each node to distinct
   * lower-numbered nodes, skewed towards the first (the popular libraries).
   */
  public static PackageGraph nixLike(int n, double meanInputs, long seed) {
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
      String system = SYSTEMS[r.nextInt(SYSTEMS.length)];
      double seconds = r.nextInt(20) == 0 ? Double.NaN : Math.exp(3.3 + 1.5 * gaussian(r));
      NodeStatus status =
          r.nextInt(20) == 0
              ? NodeStatus.RED
              : r.nextInt(10) == 0 ? NodeStatus.UNKNOWN : NodeStatus.GREEN;
      List<String> channels =
          r.nextInt(10) == 0 ? List.of(CHANNELS[r.nextInt(CHANNELS.length)]) : List.of();
      List<String> aliases = r.nextInt(30) == 0 ? List.of(name + "Packages." + name) : List.of();
      long size = r.nextInt(4) == 0 ? -1 : (long) Math.exp(10 + 2 * gaussian(r));
      double unchanged = r.nextInt(50) == 0 ? 0.5 : Double.NaN;
      b.addNode(
          new NodeRecord(
              "/nix/store/" + new String(hash) + "-" + name + "-" + version + ".drv",
              name,
              version,
              system,
              seconds,
              status,
              channels,
              aliases,
              size,
              unchanged));
    }
    int[] chosen = new int[64];
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

  /** Ids of the nodes, for messages. */
  public static List<String> ids(PackageGraph g) {
    List<String> out = new ArrayList<>();
    for (int v = 0; v < g.nodeCount(); v++) {
      out.add(g.id(v));
    }
    return out;
  }
}
