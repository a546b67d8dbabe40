package dev.preflight.graph.io.debian;

import dev.preflight.graph.InputException;
import dev.preflight.graph.Names;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.debian.DebianIndexes.BinaryIndex;
import dev.preflight.graph.io.debian.DebianIndexes.SourceIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Builds the source-level build graph of a Debian suite from its {@code Sources} and {@code
 * Packages} indices, with the semantics of DESIGN.md §5.
 *
 * <p><b>Nodes.</b> One per source package name in {@code Sources}, id {@code name@system} with
 * {@code system} from {@link DebianArch#system()} ({@code amd64-linux} for amd64). Stanzas marked
 * {@code Extra-Source-Only: yes} are skipped: they are sources kept in the archive only because a
 * binary's {@code Built-Using} names them, not sources the suite builds. When a name still has
 * several stanzas (a point release keeps the old version until it is removed), the highest version
 * by dpkg's order wins and the others are counted. Attributes: version, {@code sizeBytes} = sum of
 * the sizes in {@code Files} (the size proxy of the cost model), status {@code UNKNOWN}, build time
 * unknown. Sources are nodes whatever their {@code Architecture} says.
 *
 * <p><b>Edges.</b> {@code S -> T} when an alternative of any clause of S's {@code Build-Depends},
 * {@code Build-Depends-Arch} or {@code Build-Depends-Indep} that applies to the chosen architecture
 * and build profiles ({@link Relation#appliesTo}) names a binary package of {@code Packages} built
 * from T ({@code Source:} field, its name without the version; the binary's own name when absent),
 * or a name that a binary of T {@code Provides}. Version constraints and {@code :any}/{@code
 * :native}/{@code :arch} qualifiers are dropped. Every alternative counts, not only the first one
 * (which sbuild would pick): the graph answers "what may this build use". A name that is both a
 * real package and provided by others resolves to all of them, as apt would consider them all.
 *
 * <p><b>Which binaries exist.</b> Only those in {@code Packages} (for amd64 that index also holds
 * the {@code Architecture: all} packages). The {@code Binary} field of {@code Sources} is not used:
 * it also lists udebs, binaries of other architectures and binaries that failed to build, which no
 * build on the chosen architecture can install (on bookworm amd64 it would add 15 edges and resolve
 * 9 of the 238 unresolved names, e.g. {@code grub-efi-arm64-bin}, {@code librtas-dev}, leaving the
 * largest cycle at 4,901 sources). A name no binary of a graph source provides is
 * <i>unresolved</i>: listed once in {@link dev.preflight.graph.GraphMetadata#unresolved()} and
 * counted per reference; never fatal. A source that needs one of its own binaries has its self-edge
 * dropped and counted (once per source).
 *
 * <p><b>The build environment view</b> ({@link Options#buildEnvironment()}, off by default): {@code
 * S -> T} when the packages a build of S installs, the runtime closure of the binaries above, hold
 * a binary of T; {@link BuildEnvironment} defines it. Nodes, unresolved names and the properties of
 * the default view are the same; the graph's metadata says {@code debian.view=build-env} and how it
 * was made. The closure of each binary is computed once ({@link RuntimeClosure}).
 *
 * <p><b>Relations</b> ({@link dev.preflight.graph.NodeExtras}), read by the {@code binnmu} and
 * {@code static} policies (DESIGN.md §2):
 *
 * <ul>
 *   <li>{@code binnmu}: {@code S -> L} when S has a binary whose {@code Architecture} is not {@code
 *       all} and whose {@code Depends} or {@code Pre-Depends} names (any alternative, version and
 *       {@code :qualifier} dropped) a binary built from L or a name a binary of L {@code Provides}.
 *       This is the set the release team's transition tracker (ben, {@code
 *       https://release.debian.org/transitions/}, "affected" = packages whose binaries depend on
 *       the old library) schedules binNMUs for: only architecture-dependent binaries can be
 *       binNMUed (wanna-build documentation, {@code https://release.debian.org/wanna-build.txt};
 *       Debian Policy §5.6.12 on binNMU versions), so an {@code Architecture: all} binary never
 *       puts its source in a round.
 *   <li>{@code static}: {@code S -> L} when a binary of S names source L in {@code Built-Using} or
 *       {@code Static-Built-Using} (Debian Policy §7.8; Go and Rust packages record their
 *       statically linked sources there, and the security team rebuilds those sources when L gets a
 *       fix: {@code https://wiki.debian.org/StaticLinking}). Names of sources that are no node are
 *       counted in {@code debian.staticUnknownSources}.
 * </ul>
 *
 * Each node also keeps the names of its binary packages ({@link PackageGraph#binaries}), so that
 * users may name a change by a binary package ({@code libssl3}).
 *
 * <p><b>Several architectures</b> ({@code --packages} repeated): the architecture of each index is
 * read from its binaries' {@code Architecture} fields (the value other than {@code all}; a stanza
 * without the field, or an index mixing two architectures, is an error, and so is an architecture
 * given twice). The first index is the primary architecture: every source is a node there, as in a
 * one-architecture graph. On every other architecture A, a source is a node {@code name@A's system}
 * when it has a binary of {@code Architecture: A} in A's index. Build edges of a node on A honour
 * A's {@code [arch]} restrictions and resolve names in A's index: an architecture-dependent binary
 * of T to T's node on A, an {@code Architecture: all} binary (built once, on the primary
 * architecture, and used by all: Debian's arch-all buildds are amd64) to T's node on the primary
 * architecture, as is a binary whose source has no node on A. Relations follow the same rule.
 *
 * <p>Complexity: linear in the size of the indices plus {@code O(E log E)} for the builder. Memory:
 * one stanza at a time plus the binary-to-source and provides maps. Thread-safety: the static
 * methods share no state; the parallel variant runs one task on the caller's executor. Invariant,
 * checked at the end: every {@code Sources} stanza is a node, an {@code Extra-Source-Only} stanza
 * or an older version, and the self-edges counted are the sources found needing themselves.
 */
public final class DebianImporter {

  /** The relationship fields that make build edges. */
  public static final List<String> BUILD_DEPENDS_FIELDS =
      List.of("Build-Depends", "Build-Depends-Arch", "Build-Depends-Indep");

  /** The relations this importer makes (graph relation names). */
  public static final String BINNMU = "binnmu";

  /** The relation of statically embedded sources. */
  public static final String STATIC = "static";

  /** Which relation the edges stand for. */
  public enum View {
    /** The default: S's build-dependencies name a binary of T (DESIGN.md §5). */
    BUILD_DEPENDS("build-depends"),
    /** S's build installs a binary of T ({@link BuildEnvironment}). */
    BUILD_ENV("build-env");

    private final String label;

    View(String label) {
      this.label = label;
    }

    /** The name used on the command line and in graph metadata. */
    public String label() {
      return label;
    }

    /**
     * The view with this name, in any case.
     *
     * @throws InputException naming the word and the known views
     */
    public static View parse(String name) {
      for (View v : values()) {
        if (name != null && v.label.equalsIgnoreCase(name.strip())) {
          return v;
        }
      }
      throw Names.unknown("view", name, Arrays.stream(values()).map(View::label).toList());
    }
  }

  /**
   * What to import for.
   *
   * @param arch the architecture whose {@code [...]} restrictions are honoured with one {@code
   *     Packages} index, or null to take it from the index
   * @param profiles the active build profiles ({@link BuildProfiles#NONE} for the default build)
   * @param buildEnvironment the build environment view's settings, or null for the build-dependency
   *     view
   */
  public record Options(
      DebianArch arch, BuildProfiles profiles, BuildEnvironment buildEnvironment) {
    public Options {
      Objects.requireNonNull(profiles, "profiles");
    }

    /** The build-dependency view. */
    public Options(DebianArch arch, BuildProfiles profiles) {
      this(arch, profiles, null);
    }

    /** amd64, no build profile: the default build DESIGN.md §5 describes. */
    public static Options defaults() {
      return new Options(DebianArch.AMD64, BuildProfiles.NONE);
    }

    /** These options with the build environment view ({@code null}: the build-dependency view). */
    public Options withBuildEnvironment(BuildEnvironment environment) {
      return new Options(arch, profiles, environment);
    }

    /** The view these options import. */
    public View view() {
      return buildEnvironment == null ? View.BUILD_DEPENDS : View.BUILD_ENV;
    }
  }

  /**
   * The imported graph and the facts of the import.
   *
   * @param graph the source-level build graph
   * @param sourceStanzas stanzas read from {@code Sources}
   * @param extraSourceOnly of those, stanzas skipped as {@code Extra-Source-Only: yes}
   * @param olderVersions stanzas skipped because the same source has a higher version, as {@code
   *     name version}, in file order
   * @param binaryStanzas stanzas read from {@code Packages}
   * @param binariesOfUnknownSources binary names of {@code Packages} (counted once per source they
   *     name) whose source is not a node: a sign of indices from different suites
   * @param unresolvedReferences (source, name) pairs whose name resolved to no node
   * @param selfDependencies sources that build-depend on one of their own binaries (in the build
   *     environment view: whose build installs one of their own binaries)
   * @param buildEssential the sources of the build-essential set, sorted; empty unless the build
   *     environment view asked for it
   * @param architectures the architectures of the graph, the primary one first
   */
  public record Result(
      PackageGraph graph,
      int sourceStanzas,
      int extraSourceOnly,
      List<String> olderVersions,
      int binaryStanzas,
      int binariesOfUnknownSources,
      long unresolvedReferences,
      int selfDependencies,
      List<String> buildEssential,
      List<String> architectures) {
    public Result {
      Objects.requireNonNull(graph, "graph");
      olderVersions = List.copyOf(olderVersions);
      buildEssential = List.copyOf(buildEssential);
      architectures = List.copyOf(architectures);
    }
  }

  private DebianImporter() {}

  /**
   * Imports the graph, reading the two indices one after the other.
   *
   * @param sources the {@code Sources} index (plain, {@code .xz} or {@code .gz})
   * @param packages the {@code Packages} index of the chosen architecture
   * @throws InputException on bad input, naming the file and {@code line N (stanza K)}
   */
  public static Result read(Path sources, Path packages, Options options, Progress progress) {
    return read(sources, List.of(packages), options, progress, Runnable::run);
  }

  /**
   * Imports the graph, reading {@code Packages} on {@code executor} while the calling thread reads
   * {@code Sources} (the two are independent; decompressing xz dominates the time). The caller owns
   * the executor.
   *
   * @throws InputException on bad input in either file (the {@code Sources} error first if both are
   *     bad)
   */
  public static Result read(
      Path sources, Path packages, Options options, Progress progress, Executor executor) {
    return read(sources, List.of(packages), options, progress, executor);
  }

  /**
   * Imports a graph of one or more architectures: one {@code Packages} index each, the primary
   * architecture first. The indices are read on {@code executor} while the calling thread reads
   * {@code Sources}; the caller owns the executor.
   *
   * @throws InputException on bad input in any file, an architecture given twice, {@code --arch} or
   *     the build environment view with several indices
   */
  public static Result read(
      Path sources, List<Path> packages, Options options, Progress progress, Executor executor) {
    if (packages.isEmpty()) {
      throw InputException.of("no Packages index given");
    }
    if (packages.size() > 1 && options.buildEnvironment() != null) {
      throw InputException.of("--view build-env reads one Packages index, not " + packages.size());
    }
    if (packages.size() > 1 && options.arch() != null) {
      throw InputException.of(
          "--arch goes with one Packages index: with several, each index's Architecture fields"
              + " name its architecture");
    }
    progress.start(
        "reading "
            + sources.getFileName()
            + " and "
            + packages.stream()
                .map(p -> p.getFileName().toString())
                .collect(Collectors.joining(", ")),
        -1,
        "stanzas");
    AtomicBoolean stop = new AtomicBoolean();
    List<CompletableFuture<BinaryIndex>> futures = new ArrayList<>();
    for (Path p : packages) {
      futures.add(
          CompletableFuture.supplyAsync(
              () -> DebianIndexes.readPackages(p, options, progress, stop::get), executor));
    }
    SourceIndex index;
    List<BinaryIndex> indices = new ArrayList<>();
    try {
      try {
        index = DebianIndexes.readSources(sources, options, progress);
      } catch (RuntimeException | Error e) {
        stop.set(true);
        throw e;
      }
      for (CompletableFuture<BinaryIndex> f : futures) {
        indices.add(f.join());
      }
    } catch (CompletionException e) {
      stop.set(true);
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("reading " + packages + " failed", cause);
    } finally {
      progress.done();
    }
    Map<String, Path> seen = new HashMap<>();
    for (BinaryIndex b : indices) {
      Path first = seen.putIfAbsent(b.arch().name(), b.file());
      if (first != null) {
        throw new InputException(
            b.file().toString(),
            null,
            "architecture "
                + b.arch().name()
                + " is given twice (also by "
                + first
                + "): one Packages index per architecture");
      }
    }
    return DebianGraphAssembly.build(sources, options, progress, indices, index);
  }

  /** Parses a relationship field; syntax errors name the line within the field. */
  static List<List<Relation>> relations(ControlStanza s, String field, String file) {
    String value = s.get(field);
    try {
      return RelationParser.parse(value);
    } catch (RelationParser.SyntaxException e) {
      int line = s.lineOf(field);
      for (int i = 0; i < e.offset() && i < value.length(); i++) {
        if (value.charAt(i) == '\n') {
          line++;
        }
      }
      String source = s.get("Package");
      throw new InputException(
          file,
          ControlStanza.location(line, s.number()),
          field + (source == null ? "" : " of '" + source + "'") + ": " + e.getMessage());
    }
  }
}
