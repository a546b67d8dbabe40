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
      Set.of("Package", "Source", "Provides", "Binary");

  /** What the build environment view also reads, in this order for the closure. */
  private static final List<String> RUNTIME_FIELDS = List.of("Pre-Depends", "Depends");

  private static final Set<String> PACKAGES_RUNTIME_FIELDS =
      Set.of("Package", "Source", "Provides", "Binary", "Pre-Depends", "Depends", "Essential");

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
   * @param arch the architecture whose {@code [...]} restrictions are honoured
   * @param profiles the active build profiles ({@link BuildProfiles#NONE} for the default build)
   * @param buildEnvironment the build environment view's settings, or null for the build-dependency
   *     view
   */
  public record Options(
      DebianArch arch, BuildProfiles profiles, BuildEnvironment buildEnvironment) {
    public Options {
      Objects.requireNonNull(arch, "arch");
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
      List<String> buildEssential) {
    public Result {
      Objects.requireNonNull(graph, "graph");
      olderVersions = List.copyOf(olderVersions);
      buildEssential = List.copyOf(buildEssential);
    }
  }

  /** A kept source stanza, reduced to what the graph needs. */
  private record SourceEntry(
      String name, String versionText, DebianVersion version, long size, String[] needs) {}

  private DebianImporter() {}

  /**
   * What the {@code Packages} index says: who builds and who provides each name; with the build
   * environment view also each binary's runtime dependencies ({@code runtime}, else null).
   */
  private record BinaryIndex(
      Map<String, Object> sourceOfBinary,
      Map<String, Object> providers,
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
    BinaryIndex binaries;
    SourceIndex index;
    progress.start("reading " + packages.getFileName(), -1);
    try {
      binaries = readPackages(packages, options, progress, () -> false);
    } finally {
      progress.done();
    }
    progress.start("reading " + sources.getFileName(), -1);
    try {
      index = readSources(sources, options, progress);
    } finally {
      progress.done();
    }
    return build(sources, packages, options, progress, binaries, index);
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
    progress.start("reading " + sources.getFileName() + " and " + packages.getFileName(), -1);
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<BinaryIndex> binaries =
        CompletableFuture.supplyAsync(
            () -> readPackages(packages, options, progress, stop::get), executor);
    SourceIndex index;
    BinaryIndex b;
    try {
      try {
        index = readSources(sources, options, progress);
      } catch (RuntimeException | Error e) {
        stop.set(true);
        throw e;
      }
      b = binaries.join();
    } catch (CompletionException e) {
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
    return build(sources, packages, options, progress, b, index);
  }

  private static BinaryIndex readPackages(
      Path packages, Options options, Progress progress, BooleanSupplier stop) {
    // Binary name -> name(s) of the sources building it; provided name -> sources providing it.
    Map<String, Object> sourceOfBinary = new HashMap<>(1 << 17);
    Map<String, Object> providers = new HashMap<>(1 << 15);
    RuntimeClosure.Binaries runtime =
        options.buildEnvironment() == null ? null : new RuntimeClosure.Binaries();
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
        addTo(sourceOfBinary, binary, source);
        List<String> provides = new ArrayList<>(0);
        if (s.get("Provides") != null) {
          for (List<Relation> clause : relations(s, "Provides", file)) {
            for (Relation alternative : clause) {
              addTo(providers, alternative.name(), source);
              provides.add(alternative.name());
            }
          }
        }
        if (runtime != null) {
          runtime.add(
              binary,
              source,
              s.get("Essential") != null && "yes".equalsIgnoreCase(s.get("Essential").strip()),
              runtimeClauses(s, options, file),
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
      return new BinaryIndex(sourceOfBinary, providers, runtime, r.stanzaCount(), r.sha256());
    }
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
            new SourceEntry(
                name, versionText, version, filesSize(s, file), needs(s, options, file));
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

  private static Result build(
      Path sources,
      Path packages,
      Options options,
      Progress progress,
      BinaryIndex binaries,
      SourceIndex index) {
    List<SourceEntry> entries = index.entries();
    Map<String, Integer> entryOf = index.entryOf();
    List<String> olderVersions = index.olderVersions();
    Map<String, Object> sourceOfBinary = binaries.sourceOfBinary();
    Map<String, Object> providers = binaries.providers();
    int sourceStanzas = index.stanzas();
    int extraSourceOnly = index.extraSourceOnly();
    int binaryStanzas = binaries.stanzas();
    String sourcesSha = index.sha();
    String packagesSha = binaries.sha();

    // Nodes, in order of each name's first stanza.
    String system = options.arch().system();
    PackageGraphBuilder b = PackageGraph.builder().sourceFile(sources.toString());
    for (SourceEntry e : entries) {
      b.addNode(
          new NodeRecord(
              e.name() + "@" + system,
              e.name(),
              e.versionText(),
              system,
              Double.NaN,
              NodeStatus.UNKNOWN,
              List.of(),
              List.of(),
              e.size(),
              Double.NaN));
    }

    int binariesOfUnknownSources = 0;
    for (Object v : sourceOfBinary.values()) {
      for (String src : asList(v)) {
        if (!entryOf.containsKey(src)) {
          binariesOfUnknownSources++;
        }
      }
    }

    // Edges.
    BuildEnvironment env = options.buildEnvironment();
    RuntimeClosure closure = null;
    int[] essential = new int[0];
    if (env != null) {
      progress.start("computing runtime closures", -1);
      try {
        closure = RuntimeClosure.of(binaries.runtime(), entryOf, env.alternatives());
      } finally {
        progress.done();
      }
      if (env.buildEssential()) {
        essential = closure.buildEssential();
      }
    }
    progress.start(
        env == null ? "resolving build-dependencies" : "resolving build environments",
        entries.size());
    int n = entries.size();
    int[] mark = new int[n];
    Arrays.fill(mark, -1);
    Map<String, int[]> targetsOf = new HashMap<>(1 << 15);
    TreeSet<String> unresolved = new TreeSet<>();
    long unresolvedReferences = 0;
    int selfDependencies = 0;
    for (int v = 0; v < n; v++) {
      boolean self = false;
      for (String name : entries.get(v).needs()) {
        int[] targets =
            targetsOf.computeIfAbsent(name, k -> resolve(k, sourceOfBinary, providers, entryOf));
        if (targets.length == 0) {
          unresolved.add(name);
          unresolvedReferences++;
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
      if (self) {
        selfDependencies++;
      }
      if ((v + 1) % PROGRESS_STEP == 0) {
        progress.advance(PROGRESS_STEP);
      }
    }
    progress.done();

    List<String> essentialNames = new ArrayList<>(essential.length);
    for (int t : essential) {
      essentialNames.add(entries.get(t).name());
    }
    essentialNames.sort(null);
    b.selfLoopsDroppedEarlier(selfDependencies);
    b.unresolved(new ArrayList<>(unresolved));
    b.description(
        "debian "
            + sources.getFileName()
            + " + "
            + packages.getFileName()
            + " ("
            + options.arch().name()
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
    b.property("debian.arch", options.arch().name());
    b.property("debian.profiles", options.profiles().toString());
    b.property("debian.sources", sources.getFileName().toString());
    b.property("debian.sources.sha256", sourcesSha);
    b.property("debian.packages", packages.getFileName().toString());
    b.property("debian.packages.sha256", packagesSha);
    b.property("debian.sourceStanzas", Integer.toString(sourceStanzas));
    b.property("debian.extraSourceOnlySkipped", Integer.toString(extraSourceOnly));
    b.property("debian.olderVersionsSkipped", Integer.toString(olderVersions.size()));
    b.property("debian.binaryStanzas", Integer.toString(binaryStanzas));
    b.property("debian.unresolvedReferences", Long.toString(unresolvedReferences));
    if (env != null) {
      // Only in this view, so that the default graph stays byte for byte what it was.
      b.property("debian.view", View.BUILD_ENV.label());
      b.property("debian.runtimeAlternatives", env.alternatives().label());
      b.property("debian.buildEssential", Boolean.toString(env.buildEssential()));
      b.property("debian.buildEssentialSources", Integer.toString(essential.length));
      b.property("debian.binaryDependencyEdges", Integer.toString(closure.binaryEdges()));
    }
    PackageGraph graph = b.build();

    // Invariants: one node per kept name; every stanza accounted for.
    if (graph.nodeCount() != entryOf.size()
        || sourceStanzas != graph.nodeCount() + extraSourceOnly + olderVersions.size()
        || graph.metadata().selfLoopsDropped() != selfDependencies) {
      throw new IllegalStateException(
          "debian import lost track of stanzas: "
              + sourceStanzas
              + " stanzas, "
              + graph.nodeCount()
              + " nodes, "
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
        essentialNames);
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
  private static String[][] runtimeClauses(ControlStanza s, Options options, String file) {
    List<String[]> out = new ArrayList<>();
    for (String field : RUNTIME_FIELDS) {
      if (s.get(field) == null) {
        continue;
      }
      for (List<Relation> clause : relations(s, field, file)) {
        List<String> names = new ArrayList<>(clause.size());
        for (Relation alternative : clause) {
          if (alternative.appliesTo(options.arch(), options.profiles())) {
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

  /** The names a source's build may use, after architecture and profile filtering. */
  private static String[] needs(ControlStanza s, Options options, String file) {
    Set<String> names = new LinkedHashSet<>();
    for (String field : BUILD_DEPENDS_FIELDS) {
      if (s.get(field) == null) {
        continue;
      }
      for (List<Relation> clause : relations(s, field, file)) {
        for (Relation alternative : clause) {
          if (alternative.appliesTo(options.arch(), options.profiles())) {
            names.add(alternative.name());
          }
        }
      }
    }
    return names.toArray(new String[0]);
  }

  /** Node indexes of the sources that build or provide {@code name}, sorted, distinct. */
  private static int[] resolve(
      String name,
      Map<String, Object> sourceOfBinary,
      Map<String, Object> providers,
      Map<String, Integer> entryOf) {
    TreeSet<Integer> out = new TreeSet<>();
    for (Map<String, Object> m : List.of(sourceOfBinary, providers)) {
      for (String src : asList(m.get(name))) {
        Integer t = entryOf.get(src);
        if (t != null) {
          out.add(t);
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
