package dev.preflight.graph.generate;

import dev.preflight.graph.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The generator's structural model as data: every probability, share and mean {@link
 * NixpkgsGenerator} draws with, read from the commented resource {@code nixpkgs-model.properties}
 * (the comments there say what each key means and why it has its value).
 *
 * <p>Validated at load: every key present and no unknown key; probabilities and shares in {@code
 * [0, 1]}, and each cumulative choice (the generated-package shares, the build systems, the python
 * backends, an application's language) summing to at most 1; means finite and {@code >= 0}; bases
 * and counts whole numbers {@code >= 0}. A violation is an {@link InputException} naming the file
 * and the key. Immutable; thread-safe.
 */
public final class GeneratorModel {
  static final String RESOURCE = "nixpkgs-model.properties";

  final double darwinShare;
  final double corePerSqrtPackages;
  final double libraryShare;
  final double perlShare;
  final double pythonShare;
  final double haskellShare;
  final double rustShare;

  /** Cumulative thresholds: plain configure, autoreconf, cmake, meson (the rest adds none). */
  final double[] buildSystemUpTo;

  final double cmakeWithNinja;
  final double pkgConfigTool;
  final double gettextTool;
  final double bisonAndFlexTool;
  final double perlTool;
  final double python3Tool;

  final int coreCoreBase;
  final double coreCoreMean;
  final int libraryCoreBase;
  final double libraryCoreMean;
  final double libraryLibraryMean;
  final double perlPerlMean;
  final double perlCoreInput;

  /** Cumulative thresholds: setuptools, hatchling, flit-core, poetry-core (the rest: scm). */
  final double[] pythonBackendUpTo;

  final double pythonPytest;
  final double pythonPythonMean;
  final double pythonCoreInput;
  final int haskellHaskellBase;
  final double haskellHaskellMean;
  final double haskellCoreInput;
  final double rustPkgConfig;
  final double rustOpenssl;
  final double rustCoreMean;
  final int applicationCoreBase;
  final double applicationCoreMean;
  final double applicationLibraryMean;
  final double applicationPython;
  final int applicationPythonBase;
  final double applicationPythonMean;

  /** {@code application.python + application.perl}: the upper threshold of the perl choice. */
  final double applicationPerlUpTo;

  final int applicationPerlBase;
  final double applicationPerlMean;
  final double sizeBytesPerSecond;
  final double sizeSigma;
  final double systemNoiseSigma;
  final double unknownShare;

  /** Own-failure probability on linux, indexed by {@link PackagePool} ordinal. */
  final double[] ownFailure;

  final double fanInDivisor;
  final double darwinFailureFactor;
  final int smallChannelSeeds;
  final double unstableChannelShare;

  private static final GeneratorModel DEFAULTS = load();

  private GeneratorModel(Keys k) {
    darwinShare = k.probability("darwin.share");
    corePerSqrtPackages = k.mean("core.perSqrtPackages");
    libraryShare = k.probability("share.library");
    perlShare = k.probability("share.perl");
    pythonShare = k.probability("share.python");
    haskellShare = k.probability("share.haskell");
    rustShare = k.probability("share.rust");
    k.atMostOne("share.*", libraryShare + perlShare + pythonShare + haskellShare + rustShare);
    buildSystemUpTo =
        k.cumulative(
            "buildSystem.*",
            "buildSystem.plainConfigure",
            "buildSystem.autoreconf",
            "buildSystem.cmake",
            "buildSystem.meson");
    cmakeWithNinja = k.probability("buildSystem.cmakeWithNinja");
    pkgConfigTool = k.probability("buildTool.pkgConfig");
    gettextTool = k.probability("buildTool.gettext");
    bisonAndFlexTool = k.probability("buildTool.bisonAndFlex");
    perlTool = k.probability("buildTool.perl");
    python3Tool = k.probability("buildTool.python3");
    coreCoreBase = k.count("core.core.base");
    coreCoreMean = k.mean("core.core.mean");
    libraryCoreBase = k.count("library.core.base");
    libraryCoreMean = k.mean("library.core.mean");
    libraryLibraryMean = k.mean("library.library.mean");
    perlPerlMean = k.mean("perl.perl.mean");
    perlCoreInput = k.probability("perl.coreInput");
    pythonBackendUpTo =
        k.cumulative(
            "python.backend.*",
            "python.backend.setuptools",
            "python.backend.hatchling",
            "python.backend.flitCore",
            "python.backend.poetryCore");
    pythonPytest = k.probability("python.pytest");
    pythonPythonMean = k.mean("python.python.mean");
    pythonCoreInput = k.probability("python.coreInput");
    haskellHaskellBase = k.count("haskell.haskell.base");
    haskellHaskellMean = k.mean("haskell.haskell.mean");
    haskellCoreInput = k.probability("haskell.coreInput");
    rustPkgConfig = k.probability("rust.pkgConfig");
    rustOpenssl = k.probability("rust.openssl");
    rustCoreMean = k.mean("rust.core.mean");
    applicationCoreBase = k.count("application.core.base");
    applicationCoreMean = k.mean("application.core.mean");
    applicationLibraryMean = k.mean("application.library.mean");
    applicationPython = k.probability("application.python");
    applicationPythonBase = k.count("application.python.base");
    applicationPythonMean = k.mean("application.python.mean");
    applicationPerlUpTo =
        k.cumulative(
                "application.python + application.perl", "application.python", "application.perl")[
            1];
    applicationPerlBase = k.count("application.perl.base");
    applicationPerlMean = k.mean("application.perl.mean");
    sizeBytesPerSecond = k.mean("size.bytesPerSecond");
    sizeSigma = k.mean("size.sigma");
    systemNoiseSigma = k.mean("system.noiseSigma");
    unknownShare = k.probability("status.unknown");
    ownFailure = new double[PackagePool.values().length];
    ownFailure[PackagePool.CORE.ordinal()] = k.probability("status.ownFailure.core");
    ownFailure[PackagePool.LIB.ordinal()] = k.probability("status.ownFailure.library");
    ownFailure[PackagePool.PY.ordinal()] = k.probability("status.ownFailure.python");
    ownFailure[PackagePool.PERL.ordinal()] = k.probability("status.ownFailure.perl");
    ownFailure[PackagePool.HS.ordinal()] = k.probability("status.ownFailure.haskell");
    ownFailure[PackagePool.RUST.ordinal()] = k.probability("status.ownFailure.rust");
    ownFailure[PackagePool.APP.ordinal()] = k.probability("status.ownFailure.application");
    fanInDivisor = k.mean("status.fanInDivisor");
    if (fanInDivisor == 0) {
      throw k.bad("status.fanInDivisor", "must be > 0, got 0");
    }
    darwinFailureFactor = k.mean("status.darwinFactor");
    smallChannelSeeds = k.count("channel.smallSeeds");
    unstableChannelShare = k.probability("channel.unstableShare");
    k.checkAllUsed();
  }

  /** The bundled model ({@code nixpkgs-model.properties}), read once. */
  public static GeneratorModel defaults() {
    return DEFAULTS;
  }

  private static GeneratorModel load() {
    try (InputStream in = GeneratorModel.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The model in {@code text} (the properties format of the bundled resource).
   *
   * @param source names the text in error messages
   * @throws InputException naming {@code source} and the key for a missing, unknown or out-of-range
   *     key
   */
  public static GeneratorModel parse(String text, String source) {
    Properties p = new Properties();
    try (Reader r = new StringReader(text)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException(source, null, "not a properties file: " + e.getMessage());
    }
    return new GeneratorModel(new Keys(p, source));
  }

  /** Typed, range-checked reads of the properties; remembers which keys were read. */
  private static final class Keys {
    private final Properties p;
    private final String source;
    private final Set<String> used = new HashSet<>();

    Keys(Properties p, String source) {
      this.p = p;
      this.source = source;
    }

    private double number(String key) {
      String v = p.getProperty(key);
      if (v == null) {
        throw bad(key, "missing");
      }
      used.add(key);
      try {
        double d = Double.parseDouble(v.trim());
        if (!Double.isFinite(d)) {
          throw bad(key, "must be a finite number, got " + v.trim());
        }
        return d;
      } catch (NumberFormatException e) {
        throw bad(key, "not a number: '" + v.trim() + "'");
      }
    }

    double probability(String key) {
      double d = number(key);
      if (d < 0 || d > 1) {
        throw bad(key, "must be in [0, 1], got " + d);
      }
      return d;
    }

    double mean(String key) {
      double d = number(key);
      if (d < 0) {
        throw bad(key, "must be >= 0, got " + d);
      }
      return d;
    }

    int count(String key) {
      double d = number(key);
      if (d < 0 || d != Math.rint(d) || d > 1_000_000) {
        throw bad(key, "must be a whole number in [0, 1000000], got " + p.getProperty(key).trim());
      }
      return (int) d;
    }

    /** Running sums of the probabilities of {@code keys}, in order; the last at most 1. */
    double[] cumulative(String group, String... keys) {
      double[] upTo = new double[keys.length];
      double sum = 0;
      for (int i = 0; i < keys.length; i++) {
        sum += probability(keys[i]);
        upTo[i] = sum;
      }
      atMostOne(group, sum);
      return upTo;
    }

    void atMostOne(String group, double sum) {
      if (sum > 1) {
        throw bad(group, "the shares sum to " + sum + ", more than 1");
      }
    }

    void checkAllUsed() {
      Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
      unknown.removeAll(used);
      if (!unknown.isEmpty()) {
        throw bad(unknown.iterator().next(), "unknown key (misspelt?)");
      }
    }

    InputException bad(String key, String problem) {
      return new InputException(source, "key '" + key + "'", problem);
    }
  }
}
