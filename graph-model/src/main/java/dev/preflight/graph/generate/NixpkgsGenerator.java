package dev.preflight.graph.generate;

import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.Progress;
import dev.preflight.graph.generate.BootstrapChains.Boot;
import dev.preflight.graph.generate.BootstrapChains.Bootstrap;
import dev.preflight.graph.generate.NamedPackages.Named;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a synthetic nixpkgs-like package graph: the same package set on every system, grown
 * from a documented structural model, with build durations, last statuses and channel tags.
 *
 * <p>Every probability, share and mean lives in the commented resource {@code
 * nixpkgs-model.properties} ({@link GeneratorModel}, validated at load); the keys are named below
 * in brackets. The bundled values give the same graphs as earlier releases (content hashes checked
 * in {@code GeneratorModelTest}).
 *
 * <h2>Model</h2>
 *
 * <ol>
 *   <li><b>Bootstrap chain, per kernel</b> ({@link BootstrapChains}). Linux: {@code
 *       bootstrap-tools} → {@code bootstrap-stage0-stdenv-linux} → binutils → stage 1 → glibc →
 *       stage 2 → gcc → stage 3 → the standard tools (bash, coreutils, gnumake, sed, grep, awk,
 *       tar, gzip, bzip2, xz, patch, diffutils, findutils, file, patchelf) → stage 4 → {@code
 *       gcc-wrapper} → {@code stdenv}, as in nixpkgs' {@code pkgs/stdenv/linux}. Darwin: the same
 *       stages with apple-sdk, cctools, ld64, libcxx, compiler-rt and {@code clang-wrapper}. Every
 *       other package needs its system's {@code stdenv}: a change to it rebuilds the whole package
 *       set of that system.
 *   <li><b>Named packages</b> ({@code named-packages.txt}): ~120 real build tools, core libraries
 *       (zlib, openssl, curl, glib...), languages (perl, python3, ghc, rustc, nodejs), base
 *       packages of the python, perl and haskell sets, and heavy applications (chromium, firefox,
 *       linux, libreoffice) with their real main inputs, versions and long build times.
 *   <li><b>Generated packages</b> ({@link PackageSet}), in this order (each only needs earlier
 *       ones, so the graph is acyclic, as nixpkgs is): core libraries ({@code core.perSqrtPackages
 *       · √S} in all, named included, for S packages per linux system), then shares of the rest
 *       ({@code share.*}: libraries, perl, python and haskell packages, rust applications;
 *       applications take what is left). Inputs within a group are picked by preferential
 *       attachment — probability proportional to fan-in so far plus an initial weight — so each
 *       group grows power-law hubs of its own (zlib and openssl among core libraries, setuptools
 *       and pytest among python packages); applications and rust packages are leaves. C/C++
 *       packages pick a build system ({@code buildSystem.*}: plain configure, autoreconf, cmake
 *       with or without ninja, meson with ninja, or none of these) and extra build tools ({@code
 *       buildTool.*}: pkg-config, gettext, bison and flex, perl, python3). Each group needs {@code
 *       base + Poisson(mean)} members of the groups below it ({@code GROUP.GROUP.base/mean}), its
 *       language (perl, python3 with a build backend {@code python.backend.*} and pytest, ghc,
 *       rustc and cargo) and, with a group's {@code coreInput} probability, one core library.
 *   <li><b>Systems.</b> Every system gets the same packages with the same inputs, except on darwin:
 *       the linux-only packages ({@code !linux} in the table: systemd, alsa-lib, wayland, mesa, the
 *       kernel...) are missing and are optional inputs of the packages that use them (nixpkgs'
 *       {@code lib.optionals stdenv.isLinux}), so those edges are dropped; a random share of the
 *       generated packages is unsupported on darwin, and so is everything that needs one, so that a
 *       darwin system has {@code darwin.share} as many packages as a linux one. Node ids are {@code
 *       name@system}.
 *   <li><b>Durations</b>: one per package from {@link SyntheticDurations} (or the table's), times a
 *       per-system factor {@code exp(N(0, system.noiseSigma))}, at most six hours. <b>Size
 *       proxy</b> ({@code sizeBytes}): {@code seconds · size.bytesPerSecond · exp(N(0,
 *       size.sigma))}, so duration estimators can be checked against known truth.
 *   <li><b>Statuses</b>: {@code status.unknown} of generated packages UNKNOWN (never built); a
 *       generated package fails on its own on linux with its group's {@code status.ownFailure.*}
 *       probability, divided by {@code 1 + dependents / status.fanInDivisor} (breakage of a popular
 *       package is fixed fast, or nothing would build), and {@code status.darwinFactor} times that
 *       on darwin; a package with a failed input is RED too (Hydra's "dependency failed"). About 5%
 *       RED in all. Bootstrap and named packages are GREEN.
 *   <li><b>Channels</b>: {@code nixos-small} (linux systems only) is the input closure of the
 *       bootstrap chain, the named tools, core libraries and languages and {@code
 *       channel.smallSeeds} random generated packages; {@code nixpkgs-unstable} (every system) the
 *       closure of all named packages and {@code channel.unstableShare} of the generated ones.
 * </ol>
 *
 * <h2>Cost and guarantees</h2>
 *
 * Time and memory are linear in nodes + edges; everything is iterative over primitive arrays: a
 * million nodes take about 5 s of CPU (docs/operations.md, "Memory and scale"; the wall time on a
 * loaded shared machine is several times that). Deterministic: the same {@link GeneratorSpec} and
 * model give the same graph (node order, attributes, edges). Invariants checked at the end: exactly
 * {@code spec.nodes()} nodes, every edge within one system and pointing to an earlier node
 * (acyclic), every non-bootstrap node needs its system's stdenv. Stateless; thread-safe.
 */
public final class NixpkgsGenerator {
  static final String SMALL_CHANNEL = "nixos-small";
  static final String UNSTABLE_CHANNEL = "nixpkgs-unstable";

  private NixpkgsGenerator() {}

  /**
   * Generates the graph {@code spec} describes.
   *
   * @throws InputException if {@code spec.nodes()} is too small for the bootstrap chains and named
   *     packages of its systems
   */
  public static PackageGraph generate(GeneratorSpec spec, Progress progress) {
    return generate(spec, GeneratorModel.defaults(), progress);
  }

  /** Generates the graph {@code spec} describes with another {@code model} (tests, what-ifs). */
  public static PackageGraph generate(GeneratorSpec spec, GeneratorModel model, Progress progress) {
    return new Run(spec, model, progress).run();
  }

  /** The smallest node count the generator accepts for these systems. */
  public static int minimumNodes(List<String> systems) {
    int min = 0;
    for (String s : systems) {
      min += Bootstrap.of(s).size() + 2 * NamedPackages.all().size();
    }
    return min;
  }

  // ---------------------------------------------------------------- bootstrap chains

  private static final class Run {
    private final GeneratorSpec spec;
    private final GeneratorModel m;
    private final Progress progress;
    private final List<Named> named = NamedPackages.all();

    private PackageSet set;
    private int[] fanIn;
    private double darwinMarkShare = Double.NaN;

    Run(GeneratorSpec spec, GeneratorModel model, Progress progress) {
      this.spec = spec;
      this.m = model;
      this.progress = progress;
    }

    PackageGraph run() {
      List<String> systems = spec.systems();
      int minimum = minimumNodes(systems);
      if (spec.nodes() < minimum) {
        throw InputException.of(
            "--nodes must be at least "
                + minimum
                + " for "
                + systems.size()
                + " system(s) (the bootstrap chains and named packages alone need that many)");
      }
      progress.start("generating", spec.nodes(), "nodes");
      SplittableRandom root = new SplittableRandom(spec.seed());
      SplittableRandom structure = root.split();
      SplittableRandom availability = root.split();
      SplittableRandom attributes = root.split();
      SplittableRandom channels = root.split();

      int[] targets = targets(systems);
      int linuxOnlyNamed = 0;
      for (Named n : named) {
        linuxOnlyNamed += n.linuxOnly() ? 1 : 0;
      }
      int shared = 0;
      for (int s = 0; s < systems.size(); s++) {
        boolean darwin = GeneratorSpec.isDarwin(systems.get(s));
        shared = Math.max(shared, targets[s] + (darwin ? linuxOnlyNamed : 0));
      }
      set = new PackageSet(m);
      set.grow(shared, structure, attributes);
      boolean[][] available = new boolean[systems.size()][];
      double[] darwinDraws = null;
      for (int s = 0; s < systems.size(); s++) {
        if (GeneratorSpec.isDarwin(systems.get(s)) && darwinDraws == null) {
          darwinDraws = new double[set.count];
          for (int p = 0; p < set.count; p++) {
            darwinDraws[p] = availability.nextDouble();
          }
        }
        available[s] = availability(systems.get(s), targets[s], darwinDraws);
      }
      boolean[] small = channelSet(true, channels);
      boolean[] unstable = channelSet(false, channels);
      PackageGraph g = assemble(systems, available, small, unstable, attributes);
      checkInvariants(g, systems);
      progress.done();
      return g;
    }

    /** Shared packages per system, summing (with the bootstrap chains) to exactly nodes. */
    private int[] targets(List<String> systems) {
      int n = systems.size();
      long sharedTotal = spec.nodes();
      double weights = 0;
      double[] w = new double[n];
      for (int s = 0; s < n; s++) {
        sharedTotal -= Bootstrap.of(systems.get(s)).size();
        w[s] = GeneratorSpec.isDarwin(systems.get(s)) ? m.darwinShare : 1.0;
        weights += w[s];
      }
      int[] t = new int[n];
      long assigned = 0;
      for (int s = 0; s < n; s++) {
        t[s] = (int) Math.floor(sharedTotal * w[s] / weights);
        assigned += t[s];
      }
      for (int s = 0; assigned < sharedTotal; s = (s + 1) % n) {
        t[s]++;
        assigned++;
      }
      return t;
    }

    // ------------------------------------------------------------ systems

    /**
     * Which packages a system has: closed under inputs, exactly {@code target} of them. Linux
     * systems have all (minus the newest few if the node count leaves a remainder); darwin ones
     * lack the linux-only packages, a random share of the others picked so that about {@code
     * target} remain, and everything needing a missing package; then the newest packages are
     * dropped or the oldest missing ones restored to hit {@code target} exactly.
     */
    private boolean[] availability(String system, int target, double[] draws) {
      boolean[] avail = new boolean[set.count];
      if (!GeneratorSpec.isDarwin(system)) {
        Arrays.fill(avail, true);
      } else {
        if (Double.isNaN(darwinMarkShare)) {
          // Binary search for the share q of generated packages marked missing: the count is
          // monotone in q. Darwin systems differ in target by at most one: one search serves all.
          double lo = 0;
          double hi = 1;
          for (int iteration = 0; iteration < 24; iteration++) {
            double q = (lo + hi) / 2;
            if (closure(avail, draws, q) > target) {
              lo = q;
            } else {
              hi = q;
            }
          }
          darwinMarkShare = hi;
        }
        closure(avail, draws, darwinMarkShare);
      }
      int have = 0;
      for (boolean a : avail) {
        have += a ? 1 : 0;
      }
      for (int p = set.count - 1; p >= 0 && have > target; p--) {
        if (avail[p]) {
          avail[p] = false; // every available dependent of p is newer and already dropped
          have--;
        }
      }
      for (int p = 0; p < set.count && have < target; p++) {
        if (!avail[p] && !set.hardLinux[p] && inputsAvailable(avail, p)) {
          avail[p] = true;
          have++;
        }
      }
      if (have != target) {
        throw new IllegalStateException(system + ": " + have + " packages, wanted " + target);
      }
      return avail;
    }

    /** Darwin availability for mark share {@code q}; returns the count available. */
    private int closure(boolean[] avail, double[] draws, double q) {
      int have = 0;
      for (int p = 0; p < set.count; p++) {
        boolean marked = set.hardLinux[p] || (p >= named.size() && draws[p] < q);
        avail[p] = !marked && inputsAvailable(avail, p);
        have += avail[p] ? 1 : 0;
      }
      return have;
    }

    /**
     * Whether every input {@code p} cannot do without is available. Linux-only inputs are optional,
     * as nixpkgs writes them ({@code lib.optionals stdenv.isLinux [ systemd ]}): on darwin the
     * package is built without them.
     */
    private boolean inputsAvailable(boolean[] avail, int p) {
      for (int i = set.inputOffsets[p]; i < set.inputOffsets[p + 1]; i++) {
        int q = set.inputTargets.data[i];
        if (!avail[q] && !set.hardLinux[q]) {
          return false;
        }
      }
      return true;
    }

    /** A channel's package set: the input closure of its seeds. */
    private boolean[] channelSet(boolean small, SplittableRandom r) {
      boolean[] in = new boolean[set.count];
      for (int p = 0; p < named.size(); p++) {
        PackagePool pool = set.pools[p];
        in[p] =
            !small
                || pool == PackagePool.TOOL
                || pool == PackagePool.CORE
                || pool == PackagePool.LANG;
      }
      int generated = set.count - named.size();
      if (generated > 0) {
        if (small) {
          for (int i = 0; i < m.smallChannelSeeds; i++) {
            in[named.size() + r.nextInt(generated)] = true;
          }
        } else {
          for (int p = named.size(); p < set.count; p++) {
            in[p] = r.nextDouble() < m.unstableChannelShare;
          }
        }
      }
      // Inputs come before their dependents: one backward sweep closes the set.
      for (int p = set.count - 1; p >= 0; p--) {
        if (in[p]) {
          for (int i = set.inputOffsets[p]; i < set.inputOffsets[p + 1]; i++) {
            in[set.inputTargets.data[i]] = true;
          }
        }
      }
      return in;
    }

    // ------------------------------------------------------------ the graph

    private PackageGraph assemble(
        List<String> systems,
        boolean[][] available,
        boolean[] small,
        boolean[] unstable,
        SplittableRandom r) {
      PackageGraphBuilder b =
          PackageGraph.builder()
              .description(
                  "synthetic nixpkgs-like graph (preflight generate --nodes "
                      + spec.nodes()
                      + " --seed "
                      + spec.seed()
                      + ")")
              .property("generator", "nixpkgs-model-1")
              .property("generator.nodes", Integer.toString(spec.nodes()))
              .property("generator.seed", Long.toString(spec.seed()))
              .property("generator.systems", String.join(",", systems));
      List<String> both = List.of(SMALL_CHANNEL, UNSTABLE_CHANNEL);
      List<String> unstableOnly = List.of(UNSTABLE_CHANNEL);
      List<String> none = List.of();
      int[] nodeOf = new int[set.count];
      byte[] statusOf = new byte[set.count];
      int done = 0;
      for (int s = 0; s < systems.size(); s++) {
        String system = systems.get(s);
        boolean darwin = GeneratorSpec.isDarwin(system);
        boolean linux = !darwin;
        List<String> bootChannels = linux ? both : unstableOnly;
        List<Boot> boot = Bootstrap.of(system);
        int first = b.nodeCount();
        for (Boot x : boot) {
          double secs = Double.isNaN(x.seconds()) ? SyntheticDurations.sample(r) : x.seconds();
          secs = Math.min(SyntheticDurations.MAX_SECONDS, secs * noise(r));
          long size = set.sizeProxy(secs, r);
          b.addNode(
              new NodeRecord(
                  x.name() + "@" + system,
                  x.name(),
                  x.version(),
                  system,
                  secs,
                  NodeStatus.GREEN,
                  bootChannels,
                  none,
                  size,
                  Double.NaN));
          for (int in : x.inputs()) {
            b.addEdge(b.nodeCount() - 1, first + in);
          }
        }
        int stdenv = b.nodeCount() - 1;
        boolean[] avail = available[s];
        double failureFactor = darwin ? m.darwinFailureFactor : 1.0;
        if (fanIn == null) {
          fanIn = new int[set.count];
          for (int i = 0; i < set.inputOffsets[set.count]; i++) {
            fanIn[set.inputTargets.data[i]]++;
          }
        }
        for (int p = 0; p < set.count; p++) {
          if (!avail[p]) {
            nodeOf[p] = -1;
            continue;
          }
          boolean isNamed = p < named.size();
          NodeStatus status = NodeStatus.GREEN;
          if (!isNamed) {
            double u = r.nextDouble();
            if (u < m.unknownShare) {
              status = NodeStatus.UNKNOWN;
            } else if (u
                < m.unknownShare
                    + m.ownFailure[set.pools[p].ordinal()]
                        * failureFactor
                        / (1 + fanIn[p] / m.fanInDivisor)) {
              status = NodeStatus.RED;
            }
          }
          if (status == NodeStatus.GREEN) {
            for (int i = set.inputOffsets[p]; i < set.inputOffsets[p + 1]; i++) {
              int q = set.inputTargets.data[i];
              if (nodeOf[q] >= 0 && statusOf[q] == NodeStatus.RED.ordinal()) {
                status = NodeStatus.RED; // "dependency failed"
                break;
              }
            }
          }
          statusOf[p] = (byte) status.ordinal();
          double secs = Math.min(SyntheticDurations.MAX_SECONDS, set.seconds[p] * noise(r));
          List<String> channels = unstable[p] ? (small[p] && linux ? both : unstableOnly) : none;
          List<String> aliases = isNamed ? named.get(p).aliases() : none;
          int v =
              b.addNode(
                  new NodeRecord(
                      set.names[p] + "@" + system,
                      set.names[p],
                      set.versions[p],
                      system,
                      secs,
                      status,
                      channels,
                      aliases,
                      set.sizes[p],
                      Double.NaN));
          nodeOf[p] = v;
          b.addEdge(v, stdenv);
          for (int i = set.inputOffsets[p]; i < set.inputOffsets[p + 1]; i++) {
            int q = set.inputTargets.data[i];
            if (nodeOf[q] >= 0) {
              b.addEdge(v, nodeOf[q]);
            } else if (!set.hardLinux[q]) {
              throw new IllegalStateException(
                  set.names[p] + " on " + system + " lacks " + set.names[q]);
            }
          }
          if (++done % 10_000 == 0) {
            progress.advance(10_000);
          }
        }
      }
      return b.build();
    }

    private double noise(SplittableRandom r) {
      return Math.exp(m.systemNoiseSigma * SyntheticDurations.gaussian(r));
    }

    private void checkInvariants(PackageGraph g, List<String> systems) {
      if (g.nodeCount() != spec.nodes()) {
        throw new IllegalStateException(
            "generated " + g.nodeCount() + " nodes, wanted " + spec.nodes());
      }
      for (int v = 0; v < g.nodeCount(); v++) {
        boolean needsStdenv = false;
        for (int i = g.inputsStart(v); i < g.inputsEnd(v); i++) {
          int w = g.input(i);
          if (w >= v || g.systemIndex(w) != g.systemIndex(v)) {
            throw new IllegalStateException("edge " + g.id(v) + " -> " + g.id(w) + " breaks order");
          }
          needsStdenv |= g.name(w).equals("stdenv");
        }
        if (!needsStdenv && v > 0 && !isBootstrap(g, v)) {
          throw new IllegalStateException(g.id(v) + " does not need stdenv");
        }
      }
      if (g.systems().size() != systems.size()) {
        throw new IllegalStateException("systems " + g.systems() + " != " + systems);
      }
    }

    private static boolean isBootstrap(PackageGraph g, int v) {
      // Bootstrap nodes are the ones stdenv reaches; they sit right before their system's stdenv.
      String system = g.system(v);
      for (int w = v; w < g.nodeCount() && g.system(w).equals(system); w++) {
        if (g.name(w).equals("stdenv")) {
          return true;
        }
      }
      return false;
    }
  }
}
