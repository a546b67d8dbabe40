package dev.preflight.graph.io.debian;

import static dev.preflight.graph.io.debian.DebianImporter.BINNMU;
import static dev.preflight.graph.io.debian.DebianImporter.STATIC;
import static dev.preflight.graph.io.debian.DebianIndexes.PROGRESS_STEP;
import static dev.preflight.graph.io.debian.DebianIndexes.asList;

import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.debian.DebianImporter.Options;
import dev.preflight.graph.io.debian.DebianImporter.Result;
import dev.preflight.graph.io.debian.DebianIndexes.Binary;
import dev.preflight.graph.io.debian.DebianIndexes.BinaryIndex;
import dev.preflight.graph.io.debian.DebianIndexes.SourceEntry;
import dev.preflight.graph.io.debian.DebianIndexes.SourceIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns the read indices into the graph for {@link DebianImporter}: one node per kept source and
 * architecture, build edges from each source's build dependencies resolved to the sources building
 * (or providing) the names, the {@code binnmu} and {@code static} relations, and the counts the
 * import reports.
 */
final class DebianGraphAssembly {
  private DebianGraphAssembly() {}

  /** Where each source has a node, per architecture: {@code node[arch][source]} or -1. */
  record Layout(int[][] node, String[] systems) {
    /** The node of source {@code t} on architecture {@code a}, else on the primary one. */
    int nodeOn(int a, int t) {
      int v = node[a][t];
      return v >= 0 ? v : node[0][t];
    }
  }

  static Result build(
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
      b.property("debian.view", DebianImporter.View.BUILD_ENV.label());
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
  static boolean addEdges(PackageGraphBuilder b, int v, int[] targets, int[] mark) {
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
   * Node indexes of the sources that build or provide {@code name} in architecture {@code a}'s
   * index, sorted, distinct: an architecture-dependent binary's source on {@code a} (else on the
   * primary architecture), an {@code Architecture: all} binary's source on the primary one.
   */
  static int[] resolve(
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
}
