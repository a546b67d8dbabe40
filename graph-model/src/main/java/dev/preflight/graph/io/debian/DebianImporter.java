package dev.preflight.graph.io.debian;

import dev.preflight.graph.InputException;
import dev.preflight.graph.Names;
import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
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

  /** What binNMU and static relations read of each binary. */
  private static final List<String> LINK_FIELDS = List.of("Pre-Depends", "Depends");

  private static final List<String> STATIC_FIELDS = List.of("Built-Using", "Static-Built-Using");

  private static final Set<String> SOURCES_FIELDS =
      Set.of(
          "Package",
          "Version",
          "Extra-Source-Only",
          "Files",
          "Build-Depends",
          "Build-Depends-Arch",
          "Build-Depends-Indep",
          // Only to recognise a Packages index given as --sources.
          "Filename");

  // Binary only to recognise a Sources index given as --packages.
  private static final Set<String> PACKAGES_FIELDS =
      Set.of(
          "Package",
          "Source",
          "Provides",
          "Binary",
          "Architecture",
          "Pre-Depends",
          "Depends",
          "Built-Using",
          "Static-Built-Using");

  /** What the build environment view also reads, in this order for the closure. */
  private static final List<String> RUNTIME_FIELDS = List.of("Pre-Depends", "Depends");

  private static final Set<String> PACKAGES_RUNTIME_FIELDS =
      Set.of(
          "Package",
          "Source",
          "Provides",
          "Binary",
          "Architecture",
          "Pre-Depends",
          "Depends",
          "Essential",
          "Built-Using",
          "Static-Built-Using");

  private static final int PROGRESS_STEP = 1000;

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

  /** A kept source stanza, reduced to what the graph needs. */
  private record SourceEntry(
      String name, String versionText, DebianVersion version, long size, Relation[] needs) {

    /** The names a build on {@code arch} with {@code profiles} may use, in order, distinct. */
    String[] needsOn(DebianArch arch, BuildProfiles profiles) {
      Set<String> names = new LinkedHashSet<>();
      for (Relation alternative : needs) {
        if (alternative.appliesTo(arch, profiles)) {
          names.add(alternative.name());
        }
      }
      return names.toArray(new String[0]);
    }
  }

  /**
   * One binary of a {@code Packages} index, reduced to what the relations need.
   *
   * @param links names in its {@code Pre-Depends}/{@code Depends} (architecture-dependent binaries
   *     only; empty for {@code Architecture: all})
   * @param builtUsing source names in its {@code Built-Using}/{@code Static-Built-Using}
   */
  private record Binary(
      String name, String source, boolean archAll, String[] links, String[] builtUsing) {}

  private DebianImporter() {}

  /**
   * What the {@code Packages} index says: who builds and who provides each name; with the build
   * environment view also each binary's runtime dependencies ({@code runtime}, else null).
   */
  private record BinaryIndex(
      Path file,
      DebianArch arch,
      Map<String, Object> sourceOfBinary,
      Map<String, Object> providers,
      Map<String, Object> sourceOfAllBinary,
      Map<String, Object> allProviders,
      List<Binary> binaries,
      RuntimeClosure.Binaries runtime,
      int stanzas,
      String sha) {}

  /** What the {@code Sources} index says, one entry per kept source name. */
  private record SourceIndex(
      List<SourceEntry> entries,
      Map<String, Integer> entryOf,
      List<String> olderVersions,
      int stanzas,
      int extraSourceOnly,
      String sha) {}

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
              () -> readPackages(p, options, progress, stop::get), executor));
    }
    SourceIndex index;
    List<BinaryIndex> indices = new ArrayList<>();
    try {
      try {
        index = readSources(sources, options, progress);
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
    return build(sources, options, progress, indices, index);
  }

  private static BinaryIndex readPackages(
      Path packages, Options options, Progress progress, BooleanSupplier stop) {
    // Binary name -> name(s) of the sources building it; provided name -> sources providing it;
    // architecture-dependent and Architecture: all binaries apart (they resolve to other nodes).
    Map<String, Object> sourceOfBinary = new HashMap<>(1 << 17);
    Map<String, Object> providers = new HashMap<>(1 << 15);
    Map<String, Object> sourceOfAllBinary = new HashMap<>(1 << 15);
    Map<String, Object> allProviders = new HashMap<>(1 << 12);
    List<Binary> binaries = new ArrayList<>(1 << 16);
    RuntimeClosure.Binaries runtime =
        options.buildEnvironment() == null ? null : new RuntimeClosure.Binaries();
    String arch = null;
    String archWhere = null;
    try (ControlFileReader r =
        ControlFileReader.open(
            packages,
            ControlFileReader.Comments.FORBIDDEN,
            runtime == null ? PACKAGES_FIELDS : PACKAGES_RUNTIME_FIELDS)) {
      String file = packages.toString();
      for (ControlStanza s = r.next(); s != null; s = r.next()) {
        if (s.get("Binary") != null) {
          throw new InputException(
              file,
              s.location(),
              "stanza has a Binary field, as a Sources index does: is this the Sources file?"
                  + " (--packages takes the Packages index)");
        }
        String binary = required(s, "Package", file);
        String source = sourceName(s, binary, file);
        String architecture = s.get("Architecture");
        if (architecture == null || architecture.isBlank()) {
          throw new InputException(
              file,
              s.location(),
              "binary '" + binary + "' has no Architecture field (a Packages index names it)");
        }
        architecture = architecture.strip();
        boolean archAll = architecture.equals("all");
        if (!archAll) {
          if (architecture.indexOf(' ') >= 0 || architecture.equals("any")) {
            throw new InputException(
                file,
                s.location("Architecture"),
                "binary '"
                    + binary
                    + "' has Architecture '"
                    + architecture
                    + "': a Packages index names one architecture or all");
          }
          if (arch == null) {
            arch = architecture;
            archWhere = s.location("Architecture");
          } else if (!arch.equals(architecture)) {
            throw new InputException(
                file,
                s.location("Architecture"),
                "the index mixes architectures "
                    + arch
                    + " ("
                    + archWhere
                    + ") and "
                    + architecture
                    + ": one Packages index per architecture");
          }
        }
        addTo(archAll ? sourceOfAllBinary : sourceOfBinary, binary, source);
        List<String> provides = new ArrayList<>(0);
        if (s.get("Provides") != null) {
          for (List<Relation> clause : relations(s, "Provides", file)) {
            for (Relation alternative : clause) {
              addTo(archAll ? allProviders : providers, alternative.name(), source);
              provides.add(alternative.name());
            }
          }
        }
        binaries.add(
            new Binary(
                binary,
                source,
                archAll,
                archAll ? new String[0] : names(s, LINK_FIELDS, file),
                names(s, STATIC_FIELDS, file)));
        if (runtime != null) {
          runtime.add(
              binary,
              source,
              s.get("Essential") != null && "yes".equalsIgnoreCase(s.get("Essential").strip()),
              runtimeClauses(
                  s, options.arch() == null ? DebianArch.AMD64 : options.arch(), options, file),
              provides);
        }
        if (r.stanzaCount() % PROGRESS_STEP == 0) {
          progress.advance(PROGRESS_STEP);
          if (stop.getAsBoolean()) {
            throw new CancellationException("reading " + packages + " was stopped");
          }
        }
      }
      if (r.stanzaCount() == 0) {
        throw new InputException(file, null, "no stanzas: an empty Packages index");
      }
      DebianArch a;
      if (arch != null) {
        a = DebianArch.of(arch);
      } else if (options.arch() != null) {
        a = options.arch();
      } else {
        throw new InputException(
            file,
            null,
            "every binary is Architecture: all, so the index names no architecture (give --arch)");
      }
      return new BinaryIndex(
          packages,
          a,
          sourceOfBinary,
          providers,
          sourceOfAllBinary,
          allProviders,
          binaries,
          runtime,
          r.stanzaCount(),
          r.sha256());
    }
  }

  /** The package names of every alternative of {@code fields}, distinct, in order. */
  private static String[] names(ControlStanza s, List<String> fields, String file) {
    Set<String> out = null;
    for (String field : fields) {
      if (s.get(field) == null) {
        continue;
      }
      for (List<Relation> clause : relations(s, field, file)) {
        for (Relation alternative : clause) {
          if (out == null) {
            out = new LinkedHashSet<>();
          }
          out.add(alternative.name());
        }
      }
    }
    return out == null ? new String[0] : out.toArray(new String[0]);
  }

  private static SourceIndex readSources(Path sources, Options options, Progress progress) {
    List<SourceEntry> entries = new ArrayList<>(40_000);
    Map<String, Integer> entryOf = new HashMap<>(1 << 16);
    List<String> olderVersions = new ArrayList<>();
    int extraSourceOnly = 0;
    try (ControlFileReader r =
        ControlFileReader.open(sources, ControlFileReader.Comments.FORBIDDEN, SOURCES_FIELDS)) {
      String file = sources.toString();
      for (ControlStanza s = r.next(); s != null; s = r.next()) {
        if (r.stanzaCount() % PROGRESS_STEP == 0) {
          progress.advance(PROGRESS_STEP);
        }
        if (s.get("Filename") != null) {
          throw new InputException(
              file,
              s.location(),
              "stanza has a Filename field, as a Packages index does: is this the Packages file?"
                  + " (--sources takes the Sources index)");
        }
        String name = required(s, "Package", file);
        String versionText = required(s, "Version", file);
        DebianVersion version;
        try {
          version = DebianVersion.parse(versionText);
        } catch (IllegalArgumentException e) {
          throw new InputException(file, s.location("Version"), e.getMessage());
        }
        // Parsed even when skipped below, so that every stanza is checked.
        SourceEntry entry =
            new SourceEntry(name, versionText, version, filesSize(s, file), needs(s, file));
        if ("yes".equalsIgnoreCase(s.get("Extra-Source-Only"))) {
          extraSourceOnly++;
          continue;
        }
        Integer previous = entryOf.get(name);
        if (previous == null) {
          entryOf.put(name, entries.size());
          entries.add(entry);
        } else if (version.compareTo(entries.get(previous).version()) > 0) {
          olderVersions.add(name + " " + entries.get(previous).versionText());
          entries.set(previous, entry);
        } else {
          olderVersions.add(name + " " + versionText);
        }
      }
      if (r.stanzaCount() == 0) {
        throw new InputException(file, null, "no stanzas: an empty Sources index");
      }
      return new SourceIndex(
          entries, entryOf, olderVersions, r.stanzaCount(), extraSourceOnly, r.sha256());
    }
  }

  /** Where each source has a node, per architecture: {@code node[arch][source]} or -1. */
  private record Layout(int[][] node, String[] systems) {
    /** The node of source {@code t} on architecture {@code a}, else on the primary one. */
    int nodeOn(int a, int t) {
      int v = node[a][t];
      return v >= 0 ? v : node[0][t];
    }
  }

  private static Result build(
      Path sources,
      Options options,
      Progress progress,
      List<BinaryIndex> indices,
      SourceIndex index) {
    List<SourceEntry> entries = index.entries();
    Map<String, Integer> entryOf = index.entryOf();
    List<String> olderVersions = index.olderVersions();
    int sourceStanzas = index.stanzas();
    int extraSourceOnly = index.extraSourceOnly();
    int arches = indices.size();
    int sourceCount = entries.size();
    // The arch whose restrictions apply: --arch if given (one index), else each index's own.
    DebianArch[] archOf = new DebianArch[arches];
    for (int a = 0; a < arches; a++) {
      archOf[a] = arches == 1 && options.arch() != null ? options.arch() : indices.get(a).arch();
    }

    // Nodes: every source on the primary architecture, in order of each name's first stanza;
    // on the others, the sources with an architecture-dependent binary there.
    int[][] nodeOf = new int[arches][sourceCount];
    String[] systems = new String[arches];
    PackageGraphBuilder b = PackageGraph.builder().sourceFile(sources.toString());
    for (int a = 0; a < arches; a++) {
      systems[a] = archOf[a].system();
      Arrays.fill(nodeOf[a], -1);
      List<List<String>> own = new ArrayList<>(sourceCount);
      for (int t = 0; t < sourceCount; t++) {
        own.add(null);
      }
      for (Binary bin : indices.get(a).binaries()) {
        Integer t = entryOf.get(bin.source());
        if (t != null && (a == 0 || !bin.archAll())) {
          if (own.get(t) == null) {
            own.set(t, new ArrayList<>(4));
          }
          if (!own.get(t).contains(bin.name())) {
            own.get(t).add(bin.name());
          }
        }
      }
      for (int t = 0; t < sourceCount; t++) {
        if (a == 0 || own.get(t) != null) {
          SourceEntry e = entries.get(t);
          nodeOf[a][t] =
              b.addNode(
                  new NodeRecord(
                      e.name() + "@" + systems[a],
                      e.name(),
                      e.versionText(),
                      systems[a],
                      Double.NaN,
                      NodeStatus.UNKNOWN,
                      List.of(),
                      List.of(),
                      e.size(),
                      Double.NaN,
                      own.get(t) == null ? List.of() : own.get(t),
                      List.of(),
                      false));
        }
      }
    }
    Layout layout = new Layout(nodeOf, systems);
    int n = b.nodeCount();
    int[] sourceOfNode = new int[n];
    for (int a = 0; a < arches; a++) {
      for (int t = 0; t < sourceCount; t++) {
        if (nodeOf[a][t] >= 0) {
          sourceOfNode[nodeOf[a][t]] = t;
        }
      }
    }

    int binariesOfUnknownSources = 0;
    int binaryStanzas = 0;
    for (BinaryIndex bi : indices) {
      binaryStanzas += bi.stanzas();
      for (Map<String, Object> m : List.of(bi.sourceOfBinary(), bi.sourceOfAllBinary())) {
        for (Object v : m.values()) {
          for (String src : asList(v)) {
            if (!entryOf.containsKey(src)) {
              binariesOfUnknownSources++;
            }
          }
        }
      }
    }

    // Build edges.
    BuildEnvironment env = options.buildEnvironment();
    RuntimeClosure closure = null;
    int[] essential = new int[0];
    if (env != null) {
      progress.start("computing runtime closures", -1);
      try {
        closure = RuntimeClosure.of(indices.get(0).runtime(), entryOf, env.alternatives());
      } finally {
        progress.done();
      }
      if (env.buildEssential()) {
        essential = closure.buildEssential();
      }
    }
    progress.start(
        env == null ? "resolving build-dependencies" : "resolving build environments",
        n,
        "sources");
    int[] mark = new int[n];
    Arrays.fill(mark, -1);
    TreeSet<String> unresolved = new TreeSet<>();
    long unresolvedReferences = 0;
    int selfDependencies = 0;
    int done = 0;
    for (int a = 0; a < arches; a++) {
      BinaryIndex bi = indices.get(a);
      Map<String, int[]> targetsOf = new HashMap<>(1 << 15);
      int arch = a;
      for (int t = 0; t < sourceCount; t++) {
        int v = nodeOf[a][t];
        if (v < 0) {
          continue;
        }
        boolean self = false;
        for (String name : entries.get(t).needsOn(archOf[a], options.profiles())) {
          int[] targets =
              targetsOf.computeIfAbsent(name, k -> resolve(k, bi, entryOf, layout, arch));
          if (targets.length == 0) {
            if (a == 0) {
              unresolved.add(name);
              unresolvedReferences++;
            }
          }
          if (closure == null) {
            self |= addEdges(b, v, targets, mark);
          } else {
            // Also the binaries of sources that are no node: what they depend on is installed.
            for (int binary : closure.resolve(name)) {
              self |= addEdges(b, v, closure.sourcesOf(binary), mark);
            }
          }
        }
        self |= addEdges(b, v, essential, mark);
        if (self && a == 0) {
          selfDependencies++;
        }
        if (++done % PROGRESS_STEP == 0) {
          progress.advance(PROGRESS_STEP);
        }
      }
    }
    progress.done();

    // Relations: binnmu (links of architecture-dependent binaries) and static (Built-Using).
    b.declareRelation(BINNMU).declareRelation(STATIC);
    TreeSet<String> staticUnknown = new TreeSet<>();
    for (int a = 0; a < arches; a++) {
      BinaryIndex bi = indices.get(a);
      Map<String, int[]> targetsOf = new HashMap<>(1 << 15);
      int arch = a;
      for (Binary bin : bi.binaries()) {
        Integer t = entryOf.get(bin.source());
        if (t == null || (bin.archAll() && a > 0)) {
          continue; // Architecture: all binaries are the primary architecture's
        }
        int v = bin.archAll() ? nodeOf[0][t] : layout.nodeOn(a, t);
        // S != L by source name: a binary of S on arm64 that needs S's own Architecture: all
        // package (libfoo1 -> libfoo-common) does not put S into its own round.
        for (String name : bin.links()) {
          for (int target :
              targetsOf.computeIfAbsent(name, k -> resolve(k, bi, entryOf, layout, arch))) {
            if (sourceOfNode[target] != t) {
              b.addRelationEdge(BINNMU, v, target);
            }
          }
        }
        for (String used : bin.builtUsing()) {
          Integer l = entryOf.get(used);
          if (l == null) {
            staticUnknown.add(used);
          } else if (l.intValue() != t.intValue()) {
            b.addRelationEdge(STATIC, v, layout.nodeOn(a, l));
          }
        }
      }
    }

    List<String> essentialNames = new ArrayList<>(essential.length);
    for (int t : essential) {
      essentialNames.add(entries.get(t).name());
    }
    essentialNames.sort(null);
    List<String> archNames = Arrays.stream(archOf).map(DebianArch::name).toList();
    b.selfLoopsDroppedEarlier(selfDependencies);
    b.unresolved(new ArrayList<>(unresolved));
    b.description(
        "debian "
            + sources.getFileName()
            + " + "
            + indices.stream()
                .map(i -> i.file().getFileName().toString())
                .collect(Collectors.joining(" + "))
            + " ("
            + String.join(", ", archNames)
            + ", "
            + (options.profiles().active().isEmpty()
                ? "no build profiles"
                : "build profiles " + options.profiles())
            + (env == null
                ? ""
                : ", build environment: "
                    + env.alternatives().label()
                    + " alternatives"
                    + (env.buildEssential() ? ", with build-essential" : ""))
            + ")");
    b.property("importer", "debian");
    b.property("distribution", "debian");
    b.property("defaultPolicy", BINNMU);
    b.property("debian.arch", archNames.get(0));
    if (arches > 1) {
      b.property("debian.architectures", String.join(",", archNames));
    }
    b.property("debian.profiles", options.profiles().toString());
    b.property("debian.sources", sources.getFileName().toString());
    b.property("debian.sources.sha256", index.sha());
    b.property(
        "debian.packages",
        indices.stream()
            .map(i -> i.file().getFileName().toString())
            .collect(Collectors.joining(",")));
    b.property(
        "debian.packages.sha256",
        indices.stream().map(BinaryIndex::sha).collect(Collectors.joining(",")));
    b.property("debian.sourceStanzas", Integer.toString(sourceStanzas));
    b.property("debian.extraSourceOnlySkipped", Integer.toString(extraSourceOnly));
    b.property("debian.olderVersionsSkipped", Integer.toString(olderVersions.size()));
    b.property("debian.binaryStanzas", Integer.toString(binaryStanzas));
    b.property("debian.unresolvedReferences", Long.toString(unresolvedReferences));
    b.property("debian.staticUnknownSources", Integer.toString(staticUnknown.size()));
    if (env != null) {
      b.property("debian.view", View.BUILD_ENV.label());
      b.property("debian.runtimeAlternatives", env.alternatives().label());
      b.property("debian.buildEssential", Boolean.toString(env.buildEssential()));
      b.property("debian.buildEssentialSources", Integer.toString(essential.length));
      b.property("debian.binaryDependencyEdges", Integer.toString(closure.binaryEdges()));
    }
    PackageGraph graph = b.build();

    // Invariants: one primary node per kept name; every stanza accounted for.
    int primary = 0;
    for (int t = 0; t < sourceCount; t++) {
      primary += nodeOf[0][t] >= 0 ? 1 : 0;
    }
    if (primary != entryOf.size()
        || sourceStanzas != primary + extraSourceOnly + olderVersions.size()
        || graph.metadata().selfLoopsDropped() != selfDependencies) {
      throw new IllegalStateException(
          "debian import lost track of stanzas: "
              + sourceStanzas
              + " stanzas, "
              + primary
              + " primary nodes, "
              + extraSourceOnly
              + " extra-source-only, "
              + olderVersions.size()
              + " older versions");
    }
    return new Result(
        graph,
        sourceStanzas,
        extraSourceOnly,
        olderVersions,
        binaryStanzas,
        binariesOfUnknownSources,
        unresolvedReferences,
        selfDependencies,
        essentialNames,
        archNames);
  }

  /** Adds {@code v -> t} for each {@code t} not yet added; true when {@code t == v} occurs. */
  private static boolean addEdges(PackageGraphBuilder b, int v, int[] targets, int[] mark) {
    boolean self = false;
    for (int t : targets) {
      if (t == v) {
        self = true;
      } else if (mark[t] != v) {
        mark[t] = v;
        b.addEdge(v, t);
      }
    }
    return self;
  }

  /**
   * A binary's {@code Pre-Depends} and {@code Depends} clauses, each the names of the alternatives
   * that apply, in order; clauses with none left are dropped.
   */
  private static String[][] runtimeClauses(
      ControlStanza s, DebianArch arch, Options options, String file) {
    List<String[]> out = new ArrayList<>();
    for (String field : RUNTIME_FIELDS) {
      if (s.get(field) == null) {
        continue;
      }
      for (List<Relation> clause : relations(s, field, file)) {
        List<String> names = new ArrayList<>(clause.size());
        for (Relation alternative : clause) {
          if (alternative.appliesTo(arch, options.profiles())) {
            names.add(alternative.name());
          }
        }
        if (!names.isEmpty()) {
          out.add(names.toArray(new String[0]));
        }
      }
    }
    return out.toArray(new String[0][]);
  }

  /**
   * Every alternative of a source's build-dependency fields, in order; filtered per architecture
   * and profiles by {@link SourceEntry#needsOn}.
   */
  private static Relation[] needs(ControlStanza s, String file) {
    List<Relation> out = new ArrayList<>();
    for (String field : BUILD_DEPENDS_FIELDS) {
      if (s.get(field) == null) {
        continue;
      }
      for (List<Relation> clause : relations(s, field, file)) {
        out.addAll(clause);
      }
    }
    return out.toArray(new Relation[0]);
  }

  /**
   * Node indexes of the sources that build or provide {@code name} in architecture {@code a}'s
   * index, sorted, distinct: an architecture-dependent binary's source on {@code a} (else on the
   * primary architecture), an {@code Architecture: all} binary's source on the primary one.
   */
  private static int[] resolve(
      String name, BinaryIndex bi, Map<String, Integer> entryOf, Layout layout, int a) {
    TreeSet<Integer> out = new TreeSet<>();
    for (Map<String, Object> m : List.of(bi.sourceOfBinary(), bi.providers())) {
      for (String src : asList(m.get(name))) {
        Integer t = entryOf.get(src);
        if (t != null) {
          out.add(layout.nodeOn(a, t));
        }
      }
    }
    for (Map<String, Object> m : List.of(bi.sourceOfAllBinary(), bi.allProviders())) {
      for (String src : asList(m.get(name))) {
        Integer t = entryOf.get(src);
        if (t != null) {
          out.add(layout.node()[0][t]);
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
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

  /** {@code Source: name} or {@code Source: name (version)}; the binary's own name if absent. */
  private static String sourceName(ControlStanza s, String binary, String file) {
    String value = s.get("Source");
    if (value == null) {
      return binary;
    }
    String v = value.strip();
    int space = indexOfSpaceOrParen(v);
    String name = space < 0 ? v : v.substring(0, space);
    String rest = space < 0 ? "" : v.substring(space).strip();
    boolean restOk =
        rest.isEmpty()
            || (rest.length() > 2
                && rest.charAt(0) == '('
                && rest.charAt(rest.length() - 1) == ')'
                && !rest.substring(1, rest.length() - 1).isBlank());
    if (name.isEmpty() || !restOk) {
      throw new InputException(
          file,
          s.location("Source"),
          "Source of '" + binary + "': '" + v + "' is not 'name' or 'name (version)'");
    }
    return name;
  }

  private static int indexOfSpaceOrParen(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ' ' || c == '\t' || c == '(') {
        return i;
      }
    }
    return -1;
  }

  /** Sum of the sizes (second column) of the {@code Files} lines; -1 without the field. */
  private static long filesSize(ControlStanza s, String file) {
    String files = s.get("Files");
    if (files == null) {
      return -1;
    }
    long total = 0;
    String[] lines = files.split("\n");
    int line = s.lineOf("Files");
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.isEmpty()) {
        continue;
      }
      // "md5sum size filename": three words, the middle one a byte count.
      int a = wordEnd(l, 0);
      int b = wordStart(l, a);
      int c = wordEnd(l, b);
      int d = wordStart(l, c);
      long size = -1;
      if (b < l.length() && d < l.length() && wordEnd(l, d) == l.length()) {
        try {
          size = Long.parseLong(l, b, c, 10);
        } catch (NumberFormatException e) {
          size = -1;
        }
      }
      if (size < 0) {
        throw new InputException(
            file,
            ControlStanza.location(line + i, s.number()),
            "Files of '" + s.get("Package") + "': '" + l + "' is not 'md5sum size filename'");
      }
      total += size;
    }
    return total;
  }

  private static int wordEnd(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
      i++;
    }
    return i;
  }

  private static int wordStart(String s, int from) {
    int i = from;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static String required(ControlStanza s, String field, String file) {
    String v = s.get(field);
    if (v == null || v.isBlank()) {
      throw new InputException(file, s.location(), "stanza has no " + field + " field");
    }
    return v.strip();
  }

  /** Adds {@code value} to a map of one string or a list of strings (most keys have one). */
  @SuppressWarnings("unchecked")
  private static void addTo(Map<String, Object> map, String key, String value) {
    Object old = map.putIfAbsent(key, value);
    if (old == null || old.equals(value)) {
      return;
    }
    if (old instanceof String s) {
      List<String> list = new ArrayList<>(2);
      list.add(s);
      list.add(value);
      map.put(key, list);
    } else {
      List<String> list = (List<String>) old;
      if (!list.contains(value)) {
        list.add(value);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> asList(Object v) {
    if (v == null) {
      return List.of();
    }
    return v instanceof String s ? List.of(s) : (List<String>) v;
  }
}
