package dev.preflight.graph.generate;

import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.Progress;
import dev.preflight.graph.generate.NamedPackages.Named;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates a synthetic nixpkgs-like package graph: the same package set on every system, grown
 * from a documented structural model, with build durations, last statuses and channel tags.
 *
 * <h2>Model</h2>
 *
 * <ol>
 *   <li><b>Bootstrap chain, per kernel.</b> Linux: {@code bootstrap-tools} → {@code
 *       bootstrap-stage0-stdenv-linux} → binutils → stage 1 → glibc → stage 2 → gcc → stage 3 → the
 *       standard tools (bash, coreutils, gnumake, sed, grep, awk, tar, gzip, bzip2, xz, patch,
 *       diffutils, findutils, file, patchelf) → stage 4 → {@code gcc-wrapper} → {@code stdenv}, as
 *       in nixpkgs' {@code pkgs/stdenv/linux}. Darwin: the same stages with apple-sdk, cctools,
 *       ld64, libcxx, compiler-rt and {@code clang-wrapper}. Every other package needs its system's
 *       {@code stdenv}: a change to it rebuilds the whole package set of that system.
 *   <li><b>Named packages</b> ({@code named-packages.txt}): ~120 real build tools, core libraries
 *       (zlib, openssl, curl, glib...), languages (perl, python3, ghc, rustc, nodejs), base
 *       packages of the python, perl and haskell sets, and heavy applications (chromium, firefox,
 *       linux, libreoffice) with their real main inputs, versions and long build times.
 *   <li><b>Generated packages</b>, in this order (each only needs earlier ones, so the graph is
 *       acyclic, as nixpkgs is): core libraries ({@code 2.5·√S} in all, named included, for S
 *       packages per linux system: a few hundred), then of the rest 22% libraries, 4% perl
 *       packages, 12% python packages, 8% haskell packages, 4% rust applications and 50%
 *       applications. Inputs within a group are picked by preferential attachment — probability
 *       proportional to fan-in so far plus an initial weight — so each group grows power-law hubs
 *       of its own (zlib and openssl among core libraries, setuptools and pytest among python
 *       packages); applications and rust packages are leaves. Per package: a build system
 *       (autotools 45%, autoreconf 10%, cmake 25% with ninja 60% of the time, meson+ninja 12%),
 *       pkg-config 45%; core libraries need 1 + Poisson(1.5) core libraries; libraries 2 +
 *       Poisson(2) core and Poisson(1.2) libraries; python packages python3, a build backend,
 *       pytest (60%) and Poisson(2.5) python packages; perl packages perl and Poisson(1.5) perl
 *       packages; haskell packages ghc and 2 + Poisson(4) haskell packages; rust applications
 *       rustc, cargo, pkg-config (50%), openssl (30%); applications 1 + Poisson(2.5) core and
 *       Poisson(1.5) libraries, python (15%) or perl (4%) packages.
 *   <li><b>Systems.</b> Every system gets the same packages with the same inputs, except on darwin:
 *       the linux-only packages ({@code !linux} in the table: systemd, alsa-lib, wayland, mesa, the
 *       kernel...) are missing and are optional inputs of the packages that use them (nixpkgs'
 *       {@code lib.optionals stdenv.isLinux}), so those edges are dropped; a random share of the
 *       generated packages is unsupported on darwin, and so is everything that needs one, so that a
 *       darwin system has 90% as many packages as a linux one. Node ids are {@code name@system}.
 *   <li><b>Durations</b>: one per package from {@link DurationModel} (or the table's), times a
 *       per-system factor {@code exp(N(0, 0.1))}, at most six hours. <b>Size proxy</b> ({@code
 *       sizeBytes}): {@code seconds · 20 kB · exp(N(0, 0.6))}, so duration estimators can be
 *       checked against known truth.
 *   <li><b>Statuses</b>: 2% of generated packages UNKNOWN (never built); a generated package fails
 *       on its own on linux with probability 6% (applications, rust packages), 1% (python, perl,
 *       haskell packages), 0.3% (libraries) or 0.1% (core libraries), divided by {@code 1 +
 *       dependents / 5} (breakage of a popular package is fixed fast, or nothing would build), and
 *       1.5 times that on darwin; a package with a failed input is RED too (Hydra's "dependency
 *       failed"). About 5% RED in all. Bootstrap and named packages are GREEN.
 *   <li><b>Channels</b>: {@code nixos-small} (linux systems only) is the input closure of the
 *       bootstrap chain, the named tools, core libraries and languages and 300 random generated
 *       packages; {@code nixpkgs-unstable} (every system) the closure of all named packages and 2%
 *       of the generated ones.
 * </ol>
 *
 * <h2>Cost and guarantees</h2>
 *
 * Time and memory are linear in nodes + edges; everything is iterative over primitive arrays, and
 * 1,000,000 nodes take a few seconds and well under a gigabyte of heap beyond the graph itself.
 * Deterministic: the same {@link GeneratorSpec} gives the same graph (node order, attributes,
 * edges). Invariants checked at the end: exactly {@code spec.nodes()} nodes, every edge within one
 * system and pointing to an earlier node (acyclic), every non-bootstrap node needs its system's
 * stdenv. Stateless; thread-safe.
 */
public final class NixpkgsGenerator {
  static final String SMALL_CHANNEL = "nixos-small";
  static final String UNSTABLE_CHANNEL = "nixpkgs-unstable";

  /** Share of a linux system's packages that a darwin system has. */
  static final double DARWIN_SHARE = 0.90;

  // Shares of the generated (non-core) packages.
  private static final double LIB_SHARE = 0.22;
  private static final double PERL_SHARE = 0.04;
  private static final double PY_SHARE = 0.12;
  private static final double HS_SHARE = 0.08;
  private static final double RUST_SHARE = 0.04;

  private static final int SMALL_CHANNEL_SEEDS = 300;
  private static final double UNSTABLE_CHANNEL_SHARE = 0.02;
  private static final double UNKNOWN_SHARE = 0.02;
  // Own-failure probability on linux by pool (leaves fail most; hubs rarely, or nothing would
  // build), indexed by Pool ordinal: TOOL, CORE, LIB, LANG, PY, PERL, HS, RUST, APP.
  private static final double[] OWN_FAILURE = {0, 0.001, 0.003, 0, 0.01, 0.01, 0.01, 0.06, 0.06};
  private static final double DARWIN_FAILURE_FACTOR = 1.5;
  private static final double SYSTEM_NOISE_SIGMA = 0.1;

  private NixpkgsGenerator() {}

  /**
   * Generates the graph {@code spec} describes.
   *
   * @throws InputException if {@code spec.nodes()} is too small for the bootstrap chains and named
   *     packages of its systems
   */
  public static PackageGraph generate(GeneratorSpec spec, Progress progress) {
    return new Run(spec, progress).run();
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

  /** One bootstrap derivation: name, version, inputs (indexes in its chain), seconds. */
  private record Boot(String name, String version, int[] inputs, double seconds) {}

  private static final class Bootstrap {
    private static final String[] LINUX_TOOLS = {
      "bash:5.2p26",
      "coreutils:9.4",
      "gnumake:4.4.1",
      "gnused:4.9",
      "gnugrep:3.11",
      "gawk:5.2.2",
      "gnutar:1.35",
      "gzip:1.13",
      "bzip2:1.0.8",
      "xz:5.4.6",
      "gnupatch:2.7.6",
      "diffutils:3.10",
      "findutils:4.9.0",
      "file:5.45",
      "patchelf:0.15.0"
    };

    static List<Boot> of(String system) {
      return GeneratorSpec.isDarwin(system) ? darwin() : linux();
    }

    private static List<Boot> linux() {
      List<Boot> b = new ArrayList<>();
      int tools = add(b, "bootstrap-tools", "", 20);
      int s0 = add(b, "bootstrap-stage0-stdenv-linux", "", 5, tools);
      int binutils = add(b, "binutils", "2.41", 600, s0);
      int s1 = add(b, "bootstrap-stage1-stdenv-linux", "", 5, s0, binutils);
      int glibc = add(b, "glibc", "2.39-52", 1500, s1);
      int s2 = add(b, "bootstrap-stage2-stdenv-linux", "", 5, s1, glibc);
      int gcc = add(b, "gcc", "13.2.0", 9000, s2, glibc, binutils);
      int s3 = add(b, "bootstrap-stage3-stdenv-linux", "", 5, s2, gcc);
      int[] utils = tools(b, LINUX_TOOLS, s3);
      int s4 = add(b, "bootstrap-stage4-stdenv-linux", "", 5, concat(new int[] {s3}, utils));
      int wrapper = add(b, "gcc-wrapper", "13.2.0", 5, s4, gcc, glibc, binutils);
      add(b, "stdenv", "", 5, concat(new int[] {s4, wrapper}, utils));
      return b;
    }

    private static List<Boot> darwin() {
      List<Boot> b = new ArrayList<>();
      int tools = add(b, "bootstrap-tools", "", 20);
      int s0 = add(b, "bootstrap-stage0-stdenv-darwin", "", 5, tools);
      int sdk = add(b, "apple-sdk", "11.3", 30, s0);
      int cctools = add(b, "cctools", "1010.6", 300, s0);
      int ld64 = add(b, "ld64", "951.9", 300, s0);
      int s1 = add(b, "bootstrap-stage1-stdenv-darwin", "", 5, s0, sdk, cctools, ld64);
      int libcxx = add(b, "libcxx", "17.0.6", 900, s1);
      int rt = add(b, "compiler-rt", "17.0.6", 600, s1);
      int s2 = add(b, "bootstrap-stage2-stdenv-darwin", "", 5, s1, libcxx, rt);
      int clang = add(b, "clang-wrapper", "17.0.6", 10, s2, libcxx, rt, cctools, ld64, sdk);
      int s3 = add(b, "bootstrap-stage3-stdenv-darwin", "", 5, s2, clang);
      int[] utils = tools(b, Arrays.copyOf(LINUX_TOOLS, LINUX_TOOLS.length - 1), s3);
      int s4 = add(b, "bootstrap-stage4-stdenv-darwin", "", 5, concat(new int[] {s3}, utils));
      add(b, "stdenv", "", 5, concat(new int[] {s4, clang, sdk}, utils));
      return b;
    }

    private static int[] tools(List<Boot> b, String[] specs, int stage) {
      int[] out = new int[specs.length];
      for (int i = 0; i < specs.length; i++) {
        String[] nv = specs[i].split(":");
        out[i] = add(b, nv[0], nv[1], Double.NaN, stage);
      }
      return out;
    }

    private static int add(List<Boot> b, String name, String version, double s, int... inputs) {
      b.add(new Boot(name, version, inputs, s));
      return b.size() - 1;
    }

    private static int[] concat(int[] a, int[] c) {
      int[] out = Arrays.copyOf(a, a.length + c.length);
      System.arraycopy(c, 0, out, a.length, c.length);
      return out;
    }
  }

  // ---------------------------------------------------------------- one run

  /** A growable int array: preferential-attachment urns and adjacency buffers. */
  private static final class IntList {
    int[] data;
    int size;

    IntList(int capacity) {
      data = new int[Math.max(4, capacity)];
    }

    void add(int v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    boolean contains(int v) {
      for (int i = 0; i < size; i++) {
        if (data[i] == v) {
          return true;
        }
      }
      return false;
    }
  }

  private static final class Run {
    private final GeneratorSpec spec;
    private final Progress progress;
    private final List<Named> named = NamedPackages.all();

    // Shared package set (index = position in build order).
    private int count;
    private String[] names;
    private String[] versions;
    private Pool[] pools;
    private boolean[] hardLinux;
    private double[] seconds;
    private long[] sizes;
    private int[] inputOffsets;
    private IntList inputTargets;
    private int[] fanIn;
    private double darwinMarkShare = Double.NaN;
    private final IntList[] urns = new IntList[Pool.values().length];
    private final Set<String> usedNames = new HashSet<>();

    // Well-known named packages.
    private int perl;
    private int python3;
    private int ghc;
    private int rustc;
    private int cargo;
    private int pkgConfig;
    private int openssl;
    private int autoconf;
    private int automake;
    private int libtool;
    private int cmake;
    private int ninja;
    private int meson;
    private int gettext;
    private int bison;
    private int flex;
    private int pytest;
    private int[] pyBackends;

    Run(GeneratorSpec spec, Progress progress) {
      this.spec = spec;
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
      buildPackageSet(shared, structure, attributes);
      boolean[][] available = new boolean[systems.size()][];
      double[] darwinDraws = null;
      for (int s = 0; s < systems.size(); s++) {
        if (GeneratorSpec.isDarwin(systems.get(s)) && darwinDraws == null) {
          darwinDraws = new double[count];
          for (int p = 0; p < count; p++) {
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
        w[s] = GeneratorSpec.isDarwin(systems.get(s)) ? DARWIN_SHARE : 1.0;
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

    // ------------------------------------------------------------ the package set

    private void buildPackageSet(int shared, SplittableRandom r, SplittableRandom attrs) {
      names = new String[shared];
      versions = new String[shared];
      pools = new Pool[shared];
      hardLinux = new boolean[shared];
      seconds = new double[shared];
      sizes = new long[shared];
      inputOffsets = new int[shared + 1];
      inputTargets = new IntList(shared * 8);
      for (int i = 0; i < urns.length; i++) {
        urns[i] = new IntList(1024);
      }
      for (Named n : named) {
        usedNames.add(n.name());
      }
      for (String system : List.of("x86_64-linux", "x86_64-darwin")) {
        for (Boot b : Bootstrap.of(system)) {
          usedNames.add(b.name());
        }
      }

      // Named packages, in table order.
      IntList buffer = new IntList(32);
      for (Named n : named) {
        buffer.size = 0;
        for (int in : n.inputs()) {
          buffer.add(in);
        }
        int p = add(n.name(), n.version(), n.pool(), buffer, n.weight(), attrs);
        hardLinux[p] = n.linuxOnly();
      }
      perl = NamedPackages.indexOf("perl");
      python3 = NamedPackages.indexOf("python3");
      ghc = NamedPackages.indexOf("ghc");
      rustc = NamedPackages.indexOf("rustc");
      cargo = NamedPackages.indexOf("cargo");
      pkgConfig = NamedPackages.indexOf("pkg-config");
      openssl = NamedPackages.indexOf("openssl");
      autoconf = NamedPackages.indexOf("autoconf");
      automake = NamedPackages.indexOf("automake");
      libtool = NamedPackages.indexOf("libtool");
      cmake = NamedPackages.indexOf("cmake");
      ninja = NamedPackages.indexOf("ninja");
      meson = NamedPackages.indexOf("meson");
      gettext = NamedPackages.indexOf("gettext");
      bison = NamedPackages.indexOf("bison");
      flex = NamedPackages.indexOf("flex");
      pytest = NamedPackages.indexOf("python3Packages.pytest");
      pyBackends =
          new int[] {
            NamedPackages.indexOf("python3Packages.setuptools"),
            NamedPackages.indexOf("python3Packages.hatchling"),
            NamedPackages.indexOf("python3Packages.flit-core"),
            NamedPackages.indexOf("python3Packages.poetry-core"),
            NamedPackages.indexOf("python3Packages.setuptools-scm")
          };

      int namedCore = 0;
      for (Named n : named) {
        if (n.pool() == Pool.CORE) {
          namedCore++;
        }
      }
      int remaining = shared - named.size();
      int core =
          Math.min(remaining, Math.max(0, (int) Math.round(2.5 * Math.sqrt(shared)) - namedCore));
      remaining -= core;
      int libs = (int) Math.round(remaining * LIB_SHARE);
      int perls = (int) Math.round(remaining * PERL_SHARE);
      int pys = (int) Math.round(remaining * PY_SHARE);
      int hss = (int) Math.round(remaining * HS_SHARE);
      int rusts = (int) Math.round(remaining * RUST_SHARE);
      int apps = remaining - libs - perls - pys - hss - rusts;
      generate(Pool.CORE, core, r, attrs);
      generate(Pool.LIB, libs, r, attrs);
      generate(Pool.PERL, perls, r, attrs);
      generate(Pool.PY, pys, r, attrs);
      generate(Pool.HS, hss, r, attrs);
      generate(Pool.RUST, rusts, r, attrs);
      generate(Pool.APP, apps, r, attrs);
      if (count != shared) {
        throw new IllegalStateException("generated " + count + " packages, wanted " + shared);
      }
      giveLongestDrawsToHeavyPackages();
    }

    /**
     * Keeps the drawn durations (so their distribution is exactly the model's) but hands the
     * longest ones to the named heavy packages, in the order of the durations the table gives them:
     * chromium gets the longest build, then linux, libreoffice...; their draws go to the packages
     * that held those long ones.
     */
    private void giveLongestDrawsToHeavyPackages() {
      List<Integer> heavy = new ArrayList<>();
      for (int p = 0; p < named.size(); p++) {
        if (!Double.isNaN(named.get(p).seconds())) {
          heavy.add(p);
        }
      }
      heavy.sort((a, c) -> Double.compare(named.get(c).seconds(), named.get(a).seconds()));
      int k = heavy.size();
      // The k longest draws, longest first, by insertion into a small sorted array.
      int[] top = new int[k];
      int filled = 0;
      for (int p = 0; p < count; p++) {
        if (filled == k && seconds[p] <= seconds[top[k - 1]]) {
          continue;
        }
        int i = filled < k ? filled++ : k - 1;
        while (i > 0 && seconds[top[i - 1]] < seconds[p]) {
          top[i] = top[i - 1];
          i--;
        }
        top[i] = p;
      }
      boolean[] isHeavy = new boolean[count];
      boolean[] isTop = new boolean[count];
      for (int i = 0; i < k; i++) {
        isHeavy[heavy.get(i)] = true;
        isTop[top[i]] = true;
      }
      double[] longest = new double[k];
      for (int i = 0; i < k; i++) {
        longest[i] = seconds[top[i]];
      }
      // Both sets have k members, so as many heavy packages lose a short draw as other packages
      // lose a long one: swap those.
      IntList donors = new IntList(k);
      for (int h : heavy) {
        if (!isTop[h]) {
          donors.add(h);
        }
      }
      int d = 0;
      for (int i = 0; i < k; i++) {
        if (!isHeavy[top[i]]) {
          seconds[top[i]] = seconds[donors.data[d++]];
        }
      }
      if (d != donors.size) {
        throw new IllegalStateException("duration swap lost a draw");
      }
      for (int i = 0; i < k; i++) {
        seconds[heavy.get(i)] = longest[i];
      }
    }

    private void generate(Pool pool, int n, SplittableRandom r, SplittableRandom attrs) {
      IntList in = new IntList(32);
      for (int i = 0; i < n; i++) {
        in.size = 0;
        switch (pool) {
          case CORE -> {
            buildSystem(r, in);
            attach(Pool.CORE, 1 + poisson(r, 1.5), r, in);
          }
          case LIB -> {
            buildSystem(r, in);
            attach(Pool.CORE, 2 + poisson(r, 2.0), r, in);
            attach(Pool.LIB, poisson(r, 1.2), r, in);
          }
          case PERL -> {
            in.add(perl);
            attach(Pool.PERL, poisson(r, 1.5), r, in);
            if (r.nextDouble() < 0.10) {
              attach(Pool.CORE, 1, r, in);
            }
          }
          case PY -> {
            in.add(python3);
            double b = r.nextDouble();
            int backend = b < 0.60 ? 0 : b < 0.75 ? 1 : b < 0.85 ? 2 : b < 0.95 ? 3 : 4;
            addInput(in, pyBackends[backend]);
            if (backend == 4) {
              addInput(in, pyBackends[0]);
            }
            if (r.nextDouble() < 0.60) {
              addInput(in, pytest);
            }
            attach(Pool.PY, poisson(r, 2.5), r, in);
            if (r.nextDouble() < 0.20) {
              attach(Pool.CORE, 1, r, in);
            }
          }
          case HS -> {
            in.add(ghc);
            attach(Pool.HS, 2 + poisson(r, 4.0), r, in);
            if (r.nextDouble() < 0.10) {
              attach(Pool.CORE, 1, r, in);
            }
          }
          case RUST -> {
            in.add(rustc);
            in.add(cargo);
            if (r.nextDouble() < 0.50) {
              in.add(pkgConfig);
            }
            if (r.nextDouble() < 0.30) {
              in.add(openssl);
            }
            attach(Pool.CORE, poisson(r, 0.5), r, in);
          }
          case APP -> {
            buildSystem(r, in);
            attach(Pool.CORE, 1 + poisson(r, 2.5), r, in);
            attach(Pool.LIB, poisson(r, 1.5), r, in);
            double u = r.nextDouble();
            if (u < 0.15) {
              addInput(in, python3);
              attach(Pool.PY, 1 + poisson(r, 1.5), r, in);
            } else if (u < 0.19) {
              addInput(in, perl);
              attach(Pool.PERL, 1 + poisson(r, 1.0), r, in);
            }
          }
          default -> throw new IllegalStateException("not a generated pool: " + pool);
        }
        add(syntheticName(pool), version(r), pool, in, 1, attrs);
      }
    }

    /** Build tools for a C/C++ package: its build system and helpers. */
    private void buildSystem(SplittableRandom r, IntList in) {
      double u = r.nextDouble();
      if (u < 0.45) {
        // Plain ./configure from a release tarball: stdenv has all it needs.
      } else if (u < 0.55) {
        addInput(in, autoconf);
        addInput(in, automake);
        addInput(in, libtool);
      } else if (u < 0.80) {
        addInput(in, cmake);
        if (r.nextDouble() < 0.60) {
          addInput(in, ninja);
        }
      } else if (u < 0.92) {
        addInput(in, meson);
        addInput(in, ninja);
      }
      if (r.nextDouble() < 0.45) {
        addInput(in, pkgConfig);
      }
      if (r.nextDouble() < 0.08) {
        addInput(in, gettext);
      }
      if (r.nextDouble() < 0.04) {
        addInput(in, bison);
        addInput(in, flex);
      }
      if (r.nextDouble() < 0.06) {
        addInput(in, perl);
      }
      if (r.nextDouble() < 0.08) {
        addInput(in, python3);
      }
    }

    /** Adds {@code k} distinct members of {@code pool}'s urn, chosen by fan-in + weight. */
    private void attach(Pool pool, int k, SplittableRandom r, IntList in) {
      IntList urn = urns[pool.ordinal()];
      if (urn.size == 0) {
        return;
      }
      int added = 0;
      for (int attempt = 0; added < k && attempt < 8 * k; attempt++) {
        int p = urn.data[r.nextInt(urn.size)];
        if (!in.contains(p)) {
          in.add(p);
          added++;
        }
      }
    }

    private static void addInput(IntList in, int p) {
      if (!in.contains(p)) {
        in.add(p);
      }
    }

    /** Appends a package with these inputs; grows the urns of the inputs' pools. */
    private int add(
        String name, String version, Pool pool, IntList in, int weight, SplittableRandom attrs) {
      int p = count++;
      names[p] = name;
      versions[p] = version;
      pools[p] = pool;
      inputOffsets[p] = inputTargets.size;
      for (int i = 0; i < in.size; i++) {
        int q = in.data[i];
        inputTargets.add(q);
        if (pools[q].attaches()) {
          urns[pools[q].ordinal()].add(q);
        }
      }
      inputOffsets[p + 1] = inputTargets.size;
      if (pool.attaches()) {
        for (int i = 0; i < weight; i++) {
          urns[pool.ordinal()].add(p);
        }
      }
      seconds[p] = DurationModel.sample(attrs);
      sizes[p] = Math.round(seconds[p] * 20_000 * Math.exp(0.6 * DurationModel.gaussian(attrs)));
      return p;
    }

    // ------------------------------------------------------------ names and versions

    private static final String CONSONANTS = "bdfghjklmnprstvwz";
    private static final String VOWELS = "aeiou";
    private int nameCounter;

    /** A pronounceable, unique name: syllables spelling a counter, with the pool's style. */
    private String syntheticName(Pool pool) {
      while (true) {
        int k = nameCounter++;
        StringBuilder word = new StringBuilder();
        do {
          int syllable = k % (CONSONANTS.length() * VOWELS.length());
          word.append(CONSONANTS.charAt(syllable / VOWELS.length()))
              .append(VOWELS.charAt(syllable % VOWELS.length()));
          k /= CONSONANTS.length() * VOWELS.length();
        } while (k > 0);
        String w = word.toString();
        String name =
            switch (pool) {
              case CORE -> "lib" + w;
              case LIB -> w + "-lib";
              case PERL -> "perlPackages." + Character.toUpperCase(w.charAt(0)) + w.substring(1);
              case PY -> "python3Packages.py" + w;
              case HS -> "haskellPackages." + w;
              case RUST -> w + "-rs";
              default -> w;
            };
        if (usedNames.add(name)) {
          return name;
        }
      }
    }

    private static String version(SplittableRandom r) {
      return (1 + r.nextInt(9)) + "." + r.nextInt(30) + "." + r.nextInt(20);
    }

    private static int poisson(SplittableRandom r, double lambda) {
      double limit = Math.exp(-lambda);
      double product = r.nextDouble();
      int k = 0;
      while (product > limit) {
        product *= r.nextDouble();
        k++;
      }
      return k;
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
      boolean[] avail = new boolean[count];
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
      for (int p = count - 1; p >= 0 && have > target; p--) {
        if (avail[p]) {
          avail[p] = false; // every available dependent of p is newer and already dropped
          have--;
        }
      }
      for (int p = 0; p < count && have < target; p++) {
        if (!avail[p] && !hardLinux[p] && inputsAvailable(avail, p)) {
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
      for (int p = 0; p < count; p++) {
        boolean marked = hardLinux[p] || (p >= named.size() && draws[p] < q);
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
      for (int i = inputOffsets[p]; i < inputOffsets[p + 1]; i++) {
        int q = inputTargets.data[i];
        if (!avail[q] && !hardLinux[q]) {
          return false;
        }
      }
      return true;
    }

    /** A channel's package set: the input closure of its seeds. */
    private boolean[] channelSet(boolean small, SplittableRandom r) {
      boolean[] in = new boolean[count];
      for (int p = 0; p < named.size(); p++) {
        Pool pool = pools[p];
        in[p] = !small || pool == Pool.TOOL || pool == Pool.CORE || pool == Pool.LANG;
      }
      int generated = count - named.size();
      if (generated > 0) {
        if (small) {
          for (int i = 0; i < SMALL_CHANNEL_SEEDS; i++) {
            in[named.size() + r.nextInt(generated)] = true;
          }
        } else {
          for (int p = named.size(); p < count; p++) {
            in[p] = r.nextDouble() < UNSTABLE_CHANNEL_SHARE;
          }
        }
      }
      // Inputs come before their dependents: one backward sweep closes the set.
      for (int p = count - 1; p >= 0; p--) {
        if (in[p]) {
          for (int i = inputOffsets[p]; i < inputOffsets[p + 1]; i++) {
            in[inputTargets.data[i]] = true;
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
      int[] nodeOf = new int[count];
      byte[] statusOf = new byte[count];
      int done = 0;
      for (int s = 0; s < systems.size(); s++) {
        String system = systems.get(s);
        boolean darwin = GeneratorSpec.isDarwin(system);
        boolean linux = !darwin;
        List<String> bootChannels = linux ? both : unstableOnly;
        List<Boot> boot = Bootstrap.of(system);
        int first = b.nodeCount();
        for (Boot x : boot) {
          double secs = Double.isNaN(x.seconds()) ? DurationModel.sample(r) : x.seconds();
          secs = Math.min(DurationModel.MAX_SECONDS, secs * noise(r));
          long size = Math.round(secs * 20_000 * Math.exp(0.6 * DurationModel.gaussian(r)));
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
        double failureFactor = darwin ? DARWIN_FAILURE_FACTOR : 1.0;
        if (fanIn == null) {
          fanIn = new int[count];
          for (int i = 0; i < inputOffsets[count]; i++) {
            fanIn[inputTargets.data[i]]++;
          }
        }
        for (int p = 0; p < count; p++) {
          if (!avail[p]) {
            nodeOf[p] = -1;
            continue;
          }
          boolean isNamed = p < named.size();
          NodeStatus status = NodeStatus.GREEN;
          if (!isNamed) {
            double u = r.nextDouble();
            if (u < UNKNOWN_SHARE) {
              status = NodeStatus.UNKNOWN;
            } else if (u
                < UNKNOWN_SHARE
                    + OWN_FAILURE[pools[p].ordinal()] * failureFactor / (1 + fanIn[p] / 5.0)) {
              status = NodeStatus.RED;
            }
          }
          if (status == NodeStatus.GREEN) {
            for (int i = inputOffsets[p]; i < inputOffsets[p + 1]; i++) {
              int q = inputTargets.data[i];
              if (nodeOf[q] >= 0 && statusOf[q] == NodeStatus.RED.ordinal()) {
                status = NodeStatus.RED; // "dependency failed"
                break;
              }
            }
          }
          statusOf[p] = (byte) status.ordinal();
          double secs = Math.min(DurationModel.MAX_SECONDS, seconds[p] * noise(r));
          List<String> channels = unstable[p] ? (small[p] && linux ? both : unstableOnly) : none;
          List<String> aliases = isNamed ? named.get(p).aliases() : none;
          int v =
              b.addNode(
                  new NodeRecord(
                      names[p] + "@" + system,
                      names[p],
                      versions[p],
                      system,
                      secs,
                      status,
                      channels,
                      aliases,
                      sizes[p],
                      Double.NaN));
          nodeOf[p] = v;
          b.addEdge(v, stdenv);
          for (int i = inputOffsets[p]; i < inputOffsets[p + 1]; i++) {
            int q = inputTargets.data[i];
            if (nodeOf[q] >= 0) {
              b.addEdge(v, nodeOf[q]);
            } else if (!hardLinux[q]) {
              throw new IllegalStateException(names[p] + " on " + system + " lacks " + names[q]);
            }
          }
          if (++done % 10_000 == 0) {
            progress.advance(10_000);
          }
        }
      }
      return b.build();
    }

    private static double noise(SplittableRandom r) {
      return Math.exp(SYSTEM_NOISE_SIGMA * DurationModel.gaussian(r));
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
