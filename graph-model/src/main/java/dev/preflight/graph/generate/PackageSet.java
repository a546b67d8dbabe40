package dev.preflight.graph.generate;

import dev.preflight.graph.generate.BootstrapChains.Boot;
import dev.preflight.graph.generate.BootstrapChains.Bootstrap;
import dev.preflight.graph.generate.NamedPackages.Named;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The shared package set every system gets (before availability): the named packages in table
 * order, then the generated groups grown by preferential attachment, with their inputs, durations
 * and size proxies, drawn as {@link GeneratorModel} says. Index = position in build order, so every
 * input comes earlier (acyclic). Built once per run by {@link #grow}; its arrays are then read by
 * the generator's per-system assembly. Not thread-safe (one per run).
 */
final class PackageSet {
  private final GeneratorModel m;
  private final List<Named> named = NamedPackages.all();

  PackageSet(GeneratorModel model) {
    this.m = model;
  }

  // Shared package set (index = position in build order).
  int count;
  String[] names;
  String[] versions;
  PackagePool[] pools;
  boolean[] hardLinux;
  double[] seconds;
  long[] sizes;
  int[] inputOffsets;
  IntList inputTargets;
  private final IntList[] urns = new IntList[PackagePool.values().length];
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

  // ------------------------------------------------------------ the package set

  /** Grows {@code shared} packages: structure from {@code r}, durations from {@code attrs}. */
  void grow(int shared, SplittableRandom r, SplittableRandom attrs) {
    names = new String[shared];
    versions = new String[shared];
    pools = new PackagePool[shared];
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
      if (n.pool() == PackagePool.CORE) {
        namedCore++;
      }
    }
    int remaining = shared - named.size();
    int core =
        Math.min(
            remaining,
            Math.max(0, (int) Math.round(m.corePerSqrtPackages * Math.sqrt(shared)) - namedCore));
    remaining -= core;
    int libs = (int) Math.round(remaining * m.libraryShare);
    int perls = (int) Math.round(remaining * m.perlShare);
    int pys = (int) Math.round(remaining * m.pythonShare);
    int hss = (int) Math.round(remaining * m.haskellShare);
    int rusts = (int) Math.round(remaining * m.rustShare);
    int apps = remaining - libs - perls - pys - hss - rusts;
    generate(PackagePool.CORE, core, r, attrs);
    generate(PackagePool.LIB, libs, r, attrs);
    generate(PackagePool.PERL, perls, r, attrs);
    generate(PackagePool.PY, pys, r, attrs);
    generate(PackagePool.HS, hss, r, attrs);
    generate(PackagePool.RUST, rusts, r, attrs);
    generate(PackagePool.APP, apps, r, attrs);
    if (count != shared) {
      throw new IllegalStateException("generated " + count + " packages, wanted " + shared);
    }
    giveLongestDrawsToHeavyPackages();
  }

  /**
   * Keeps the drawn durations (so their distribution is exactly the model's) but hands the longest
   * ones to the named heavy packages, in the order of the durations the table gives them: chromium
   * gets the longest build, then linux, libreoffice...; their draws go to the packages that held
   * those long ones.
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

  private void generate(PackagePool pool, int n, SplittableRandom r, SplittableRandom attrs) {
    IntList in = new IntList(32);
    for (int i = 0; i < n; i++) {
      in.size = 0;
      switch (pool) {
        case CORE -> {
          buildSystem(r, in);
          attach(PackagePool.CORE, m.coreCoreBase + poisson(r, m.coreCoreMean), r, in);
        }
        case LIB -> {
          buildSystem(r, in);
          attach(PackagePool.CORE, m.libraryCoreBase + poisson(r, m.libraryCoreMean), r, in);
          attach(PackagePool.LIB, poisson(r, m.libraryLibraryMean), r, in);
        }
        case PERL -> {
          in.add(perl);
          attach(PackagePool.PERL, poisson(r, m.perlPerlMean), r, in);
          if (r.nextDouble() < m.perlCoreInput) {
            attach(PackagePool.CORE, 1, r, in);
          }
        }
        case PY -> {
          in.add(python3);
          double b = r.nextDouble();
          int backend = 0;
          while (backend < m.pythonBackendUpTo.length && b >= m.pythonBackendUpTo[backend]) {
            backend++;
          }
          addInput(in, pyBackends[backend]);
          if (backend == 4) {
            addInput(in, pyBackends[0]);
          }
          if (r.nextDouble() < m.pythonPytest) {
            addInput(in, pytest);
          }
          attach(PackagePool.PY, poisson(r, m.pythonPythonMean), r, in);
          if (r.nextDouble() < m.pythonCoreInput) {
            attach(PackagePool.CORE, 1, r, in);
          }
        }
        case HS -> {
          in.add(ghc);
          attach(PackagePool.HS, m.haskellHaskellBase + poisson(r, m.haskellHaskellMean), r, in);
          if (r.nextDouble() < m.haskellCoreInput) {
            attach(PackagePool.CORE, 1, r, in);
          }
        }
        case RUST -> {
          in.add(rustc);
          in.add(cargo);
          if (r.nextDouble() < m.rustPkgConfig) {
            in.add(pkgConfig);
          }
          if (r.nextDouble() < m.rustOpenssl) {
            in.add(openssl);
          }
          attach(PackagePool.CORE, poisson(r, m.rustCoreMean), r, in);
        }
        case APP -> {
          buildSystem(r, in);
          attach(
              PackagePool.CORE, m.applicationCoreBase + poisson(r, m.applicationCoreMean), r, in);
          attach(PackagePool.LIB, poisson(r, m.applicationLibraryMean), r, in);
          double u = r.nextDouble();
          if (u < m.applicationPython) {
            addInput(in, python3);
            attach(
                PackagePool.PY,
                m.applicationPythonBase + poisson(r, m.applicationPythonMean),
                r,
                in);
          } else if (u < m.applicationPerlUpTo) {
            addInput(in, perl);
            attach(
                PackagePool.PERL, m.applicationPerlBase + poisson(r, m.applicationPerlMean), r, in);
          }
        }
        default -> throw new IllegalStateException("not a generated pool: " + pool);
      }
      add(syntheticName(pool), version(r), pool, in, 1, attrs);
    }
  }

  /** The size proxy of a build of {@code seconds}: seconds × bytes per second × noise. */
  long sizeProxy(double seconds, SplittableRandom r) {
    return Math.round(
        seconds * m.sizeBytesPerSecond * Math.exp(m.sizeSigma * SyntheticDurations.gaussian(r)));
  }

  /** Build tools for a C/C++ package: its build system and helpers. */
  private void buildSystem(SplittableRandom r, IntList in) {
    double u = r.nextDouble();
    double[] upTo = m.buildSystemUpTo;
    if (u < upTo[0]) {
      // Plain ./configure from a release tarball: stdenv has all it needs.
    } else if (u < upTo[1]) {
      addInput(in, autoconf);
      addInput(in, automake);
      addInput(in, libtool);
    } else if (u < upTo[2]) {
      addInput(in, cmake);
      if (r.nextDouble() < m.cmakeWithNinja) {
        addInput(in, ninja);
      }
    } else if (u < upTo[3]) {
      addInput(in, meson);
      addInput(in, ninja);
    }
    if (r.nextDouble() < m.pkgConfigTool) {
      addInput(in, pkgConfig);
    }
    if (r.nextDouble() < m.gettextTool) {
      addInput(in, gettext);
    }
    if (r.nextDouble() < m.bisonAndFlexTool) {
      addInput(in, bison);
      addInput(in, flex);
    }
    if (r.nextDouble() < m.perlTool) {
      addInput(in, perl);
    }
    if (r.nextDouble() < m.python3Tool) {
      addInput(in, python3);
    }
  }

  /** Adds {@code k} distinct members of {@code pool}'s urn, chosen by fan-in + weight. */
  private void attach(PackagePool pool, int k, SplittableRandom r, IntList in) {
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
      String name,
      String version,
      PackagePool pool,
      IntList in,
      int weight,
      SplittableRandom attrs) {
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
    seconds[p] = SyntheticDurations.sample(attrs);
    sizes[p] = sizeProxy(seconds[p], attrs);
    return p;
  }

  // ------------------------------------------------------------ names and versions

  private static final String CONSONANTS = "bdfghjklmnprstvwz";
  private static final String VOWELS = "aeiou";
  private int nameCounter;

  /** A pronounceable, unique name: syllables spelling a counter, with the pool's style. */
  private String syntheticName(PackagePool pool) {
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
}
