package dev.preflight.cli;

import dev.preflight.graph.GraphStats;
import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.io.GraphFormat;
import dev.preflight.graph.io.debian.BuildEnvironment;
import dev.preflight.graph.io.debian.BuildProfiles;
import dev.preflight.graph.io.debian.DebianArch;
import dev.preflight.graph.io.debian.DebianImporter;
import dev.preflight.report.Fmt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code preflight import debian}: the source-level build graph of a Debian suite from its {@code
 * Sources} and {@code Packages} indices, as {@link DebianImporter} defines it (DESIGN.md §5).
 */
@Command(
    name = "debian",
    mixinStandardHelpOptions = true,
    description = {
      "Import the source-level build graph of a Debian suite from its Sources and Packages"
          + " indices (plain, .xz or .gz).",
      "S -> T when a Build-Depends, Build-Depends-Arch or Build-Depends-Indep alternative of S"
          + " names a binary package built from T, or a name a binary of T Provides.",
      "With --view build-env: S -> T when the runtime closure (Depends, Pre-Depends) of those"
          + " binaries holds a binary of T, i.e. when S's build installs a binary of T."
    },
    footer = {
      "",
      "Examples:",
      "  preflight import debian --sources Sources.xz --packages Packages.xz \\",
      "      -o bookworm.json",
      "  preflight import debian --sources Sources.xz --packages Packages_arm64.xz \\",
      "      --arch arm64 --profiles nocheck -o bookworm-arm64-nocheck.json",
      "  preflight import debian --sources Sources.xz --packages Packages.xz \\",
      "      --view build-env --build-essential -o bookworm-env.arrow",
      "  preflight import debian --sources Sources.xz --packages Packages.xz \\",
      "      --packages Packages-arm64.xz --packages Packages-i386.xz \\",
      "      -o bookworm-3arch.arrow"
    })
final class ImportDebianCommand implements Callable<Integer> {
  @Option(
      names = "--sources",
      required = true,
      paramLabel = "FILE",
      description = "The Sources index (dists/SUITE/main/source/Sources.xz).")
  Path sources;

  @Option(
      names = "--packages",
      required = true,
      paramLabel = "FILE",
      description =
          "The Packages index of an architecture (dists/SUITE/main/binary-ARCH/Packages.xz);"
              + " repeat it for a graph of several architectures, the primary one first (its"
              + " architecture is read from the index's Architecture fields).")
  List<Path> packages;

  @Option(
      names = "--arch",
      paramLabel = "ARCH",
      description =
          "With one Packages index: the architecture whose [arch] restrictions apply"
              + " (default: the index's own).")
  String arch;

  @Option(
      names = "--profiles",
      paramLabel = "PROFILE",
      split = ",",
      description = "Build profiles to activate, e.g. nocheck,stage1 (default: none).")
  List<String> profiles = new ArrayList<>();

  @Option(
      names = "--view",
      paramLabel = "VIEW",
      defaultValue = "build-depends",
      description =
          "What an edge means: build-depends (S names a binary of T) or build-env (S's build"
              + " installs a binary of T) (default: ${DEFAULT-VALUE}).")
  String view;

  @Option(
      names = "--runtime-alternatives",
      paramLabel = "RULE",
      description =
          "With --view build-env: which alternatives of a Depends clause are installed: first"
              + " (the first one that exists, as apt picks) or all (default: first).")
  String runtimeAlternatives;

  @Option(
      names = "--build-essential",
      description =
          "With --view build-env: every build also installs the Essential: yes packages and"
              + " build-essential, with their closure.")
  boolean buildEssential;

  @Mixin GraphOutputOptions output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    GraphFormat format = output.writableFormat();
    DebianImporter.Options options =
        new DebianImporter.Options(
            arch == null ? null : DebianArch.of(arch), BuildProfiles.of(profiles));
    if (DebianImporter.View.parse(view) == DebianImporter.View.BUILD_ENV) {
      options =
          options.withBuildEnvironment(
              new BuildEnvironment(
                  runtimeAlternatives == null
                      ? BuildEnvironment.Alternatives.FIRST
                      : BuildEnvironment.Alternatives.parse(runtimeAlternatives),
                  buildEssential));
    } else if (runtimeAlternatives != null || buildEssential) {
      throw InputException.of(
          (buildEssential ? "--build-essential" : "--runtime-alternatives")
              + " needs --view build-env");
    }
    ExecutorService pool =
        ThreadsOption.pool(
            "debian-packages",
            Math.min(packages.size(), Math.max(1, Runtime.getRuntime().availableProcessors() - 1)));
    DebianImporter.Result result;
    try {
      // Packages is read on the pool while this thread reads Sources.
      result = DebianImporter.read(sources, packages, options, TerminalProgress.forStderr(), pool);
    } finally {
      pool.shutdownNow();
    }
    format.write(result.graph(), output.file);
    spec.commandLine().getOut().print(summary(result, output.file));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  static String summary(DebianImporter.Result r, Path output) {
    PackageGraph g = r.graph();
    GraphStats s = GraphStats.of(g);
    StringBuilder sb = new StringBuilder();
    row(sb, "source", g.metadata().source());
    row(
        sb,
        "sources",
        Fmt.format(
            "%,d (of %,d stanzas: %,d Extra-Source-Only, %,d older versions)",
            r.sourceStanzas() - r.extraSourceOnly() - r.olderVersions().size(),
            r.sourceStanzas(),
            r.extraSourceOnly(),
            r.olderVersions().size()));
    row(sb, "binary packages", Fmt.format("%,d", r.binaryStanzas()));
    if (r.architectures().size() > 1) {
      row(
          sb,
          "architectures",
          String.join(", ", r.architectures()) + Fmt.format(" (%,d nodes in all)", g.nodeCount()));
    }
    row(
        sb,
        "binnmu relation",
        Fmt.format("%,d edges", g.relationView(DebianImporter.BINNMU).edgeCount()));
    row(
        sb,
        "static relation",
        Fmt.format("%,d edges", g.relationView(DebianImporter.STATIC).edgeCount()));
    row(sb, "edges", Fmt.format("%,d", g.edgeCount()));
    if ("true".equals(g.metadata().properties().get("debian.buildEssential"))) {
      row(sb, "build-essential set", Fmt.format("%,d sources", r.buildEssential().size()));
    }
    row(sb, "self-dependencies dropped", Fmt.format("%,d", g.metadata().selfLoopsDropped()));
    row(
        sb,
        "unresolved names",
        Fmt.format(
            "%,d (%,d references)", g.metadata().unresolved().size(), r.unresolvedReferences()));
    row(
        sb,
        "largest component",
        Fmt.format(
            "%,d sources (%,d components with a cycle)", s.largestScc(), s.cyclicSccCount()));
    row(sb, "written", output.toString());
    return sb.toString();
  }

  private static void row(StringBuilder sb, String key, String value) {
    sb.append(Fmt.format("%-30s %s%n", key, value));
  }
}
