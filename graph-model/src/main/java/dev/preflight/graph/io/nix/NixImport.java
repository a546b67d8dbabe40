package dev.preflight.graph.io.nix;

import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.Progress;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tukaani.xz.CorruptedInputException;

/**
 * Imports Nix derivation graphs: any combination of a {@code nix derivation show --recursive} JSON
 * file, a {@code nix-store --query --graph} DOT file and a nix-eval-jobs JSON lines file, merged by
 * drv path into one {@link PackageGraph}.
 *
 * <p><b>Semantics.</b> A node is one derivation, its id the full drv path. The graph holds exactly
 * the derivations the files <em>describe</em> (keys of the JSON map, DOT nodes, eval-jobs lines),
 * as {@code --recursive} output does: every input of every derivation is itself described. An input
 * a file names but no file describes (non-recursive {@code nix derivation show}, or the {@code
 * inputDrvs} of nix-eval-jobs, which lists sources and helpers that are not jobs) is counted in the
 * graph's {@code unresolved} names and its edge is dropped; {@link Result#warnings} says how to get
 * a complete graph. When files describe the same derivation, the first non-empty name, version and
 * system win (derivations file, then eval-jobs, then DOT), inputs are united, and every eval-jobs
 * attribute name that differs from the package name becomes an alias, so a derivation reachable
 * under several attributes is counted once.
 *
 * <p><b>Fixed-output derivations</b> (a declared output hash: fetched sources) stop propagation
 * (DESIGN.md §2). Nix computes a dependent's output path from its inputs' hashes modulo fixed
 * outputs: a fixed-output input is hashed by its declared output hash, not by its own inputs
 * (NixOS/nix {@code src/libstore/derivations.cc}, {@code hashDerivationModulo}, "Return a fixed
 * hash for fixed-output derivations", tag 2.24.0, commit 206e32e2; today {@code hashInput} in
 * {@code src/libstore/derivation/modulo.cc}, commit 22c8c624). So a change to {@code curl}, which
 * {@code fetchurl} runs, changes neither the source tarball's output path nor anything built from
 * it. The import models that in the graph: a fixed-output node keeps its dependents' edges to it
 * (changing its declared hash does rebuild them) but none of its own input edges, the node is
 * marked {@link NodeRecord#fixedOutput()}, and the number of edges cut is the metadata property
 * {@code nix.fixedOutputInputsCut}. Only the derivations file can tell: DOT and nix-eval-jobs lines
 * do not say whether a derivation has a fixed output, so a DOT or eval-jobs graph alone has none;
 * merged with a derivations file, the merged node is fixed-output when the derivations file says
 * so.
 *
 * <p><b>Jobs.</b> When nix-eval-jobs lines are imported, {@link NixJobs} records which nodes are
 * jobs and under which attribute paths, for counting attribute paths as nixpkgs CI does; merged
 * with a file that describes more derivations (the full closure), the nodes no eval-jobs line names
 * are not jobs. {@code requiredSystemFeatures} from the derivations file or the eval-jobs lines
 * becomes the node's {@link NodeRecord#features()}.
 *
 * <p>Not thread-safe; one instance per import. Reading is streaming and linear in the input size.
 */
public final class NixImport {
  private Path derivations;
  private Path evalJobs;
  private Path dot;
  private String dotSystem = "";
  private DotEdges dotEdges = DotEdges.REFERENCE_TO_REFERRER;

  private NixImport() {}

  /** A new import with no files yet. */
  public static NixImport create() {
    return new NixImport();
  }

  /** A {@code nix derivation show --recursive} JSON file (any of its three shapes). */
  public NixImport derivations(Path file) {
    this.derivations = file;
    return this;
  }

  /** A nix-eval-jobs JSON lines file. */
  public NixImport evalJobs(Path file) {
    this.evalJobs = file;
    return this;
  }

  /** A {@code nix-store --query --graph} DOT file. */
  public NixImport dot(Path file) {
    this.dot = file;
    return this;
  }

  /** The system given to DOT nodes, which DOT does not carry (default: empty). */
  public NixImport dotSystem(String system) {
    this.dotSystem = system == null ? "" : system;
    return this;
  }

  /** Which way the DOT file's edges point (default: as {@code nix-store} writes them). */
  public NixImport dotEdges(DotEdges direction) {
    this.dotEdges = direction;
    return this;
  }

  /**
   * The imported graph and what the user should know about it.
   *
   * @param graph the graph
   * @param files what each file contributed, in merge order
   * @param unresolvedInputs distinct input drv paths no file describes (their edges were dropped)
   * @param warnings one line each, for stderr
   */
  public record Result(
      PackageGraph graph, List<NixFile> files, int unresolvedInputs, List<String> warnings) {
    public Result {
      files = List.copyOf(files);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Reads the files and builds the graph.
   *
   * @throws InputException naming the file and line on bad input, or if no file was given
   */
  public Result run(Progress progress) {
    List<NixFile> files = new ArrayList<>();
    if (derivations != null) {
      files.add(reading(derivations, () -> NixDerivationsReader.read(derivations, progress)));
    }
    if (evalJobs != null) {
      files.add(reading(evalJobs, () -> NixEvalJobsReader.read(evalJobs, progress)));
    }
    if (dot != null) {
      files.add(reading(dot, () -> NixDotReader.read(dot, dotSystem, dotEdges, progress)));
    }
    if (files.isEmpty()) {
      throw InputException.of("name at least one Nix input: --derivations, --dot or --eval-jobs");
    }
    return merge(files);
  }

  /** Reads a {@code nix derivation show --recursive} file alone (the graph format registry). */
  public static PackageGraph readDerivations(Path file, Progress progress) {
    return create().derivations(file).run(progress).graph();
  }

  /** Reads a {@code nix-store --query --graph} file alone (the graph format registry). */
  public static PackageGraph readDot(Path file, Progress progress) {
    return create().dot(file).run(progress).graph();
  }

  /** Reads a nix-eval-jobs file alone (the graph format registry). */
  public static PackageGraph readEvalJobs(Path file, Progress progress) {
    return create().evalJobs(file).run(progress).graph();
  }

  /** Runs a reader; a missing file or an I/O failure becomes an error naming the file. */
  private static NixFile reading(Path file, Supplier<NixFile> reader) {
    dev.preflight.graph.io.InputFiles.requireFile(file);
    try {
      return reader.get();
    } catch (InputException e) {
      throw e.inFile(file.toString());
    } catch (UncheckedIOException e) {
      IOException cause = e.getCause();
      String what =
          cause instanceof EOFException || cause instanceof CorruptedInputException
              ? "truncated or corrupt compressed file: "
              : "cannot read: ";
      throw new InputException(file.toString(), null, what + cause.getMessage(), e);
    }
  }

  /** Mutable merge state of one derivation. */
  private static final class Merged {
    final String id;
    String name = "";
    String version = "";
    String system = "";
    final LinkedHashSet<String> inputs = new LinkedHashSet<>();
    final LinkedHashSet<String> attributes = new LinkedHashSet<>();
    final String where;
    boolean fixedOutput;
    boolean job;
    List<String> features;

    Merged(String id, String where) {
      this.id = id;
      this.where = where;
    }
  }

  private static Result merge(List<NixFile> files) {
    Map<String, Merged> byId = new LinkedHashMap<>();
    for (NixFile f : files) {
      for (NixDerivation d : f.derivations()) {
        Merged m = byId.computeIfAbsent(d.id(), id -> new Merged(id, f.file() + ":" + d.where()));
        if (m.name.isEmpty()) {
          m.name = d.name();
        }
        if (m.version.isEmpty()) {
          m.version = d.version();
        }
        if (m.system.isEmpty()) {
          m.system = d.system();
        }
        m.inputs.addAll(d.inputs());
        m.attributes.addAll(d.attributes());
        m.fixedOutput |= d.fixedOutput();
        m.job |= f.kind().equals("eval-jobs");
        if (m.features == null) {
          m.features = d.features();
        }
      }
    }

    List<String> described = new ArrayList<>();
    PackageGraphBuilder b = PackageGraph.builder();
    for (NixFile f : files) {
      described.add(f.kind() + " " + Path.of(f.file()).getFileName());
      for (Map.Entry<String, String> e : f.facts().entrySet()) {
        b.property("nix." + f.kind() + "." + e.getKey(), e.getValue());
      }
    }
    b.sourceFile(files.size() == 1 ? files.get(0).file() : null);

    Map<String, Integer> index = new HashMap<>();
    List<String> names = new ArrayList<>(byId.size());
    int aliases = 0;
    for (Merged m : byId.values()) {
      String name = m.name.isEmpty() ? StorePaths.storeName(m.id) : m.name;
      List<String> alias = new ArrayList<>();
      for (String a : m.attributes) {
        if (!a.equals(name)) {
          alias.add(a);
        }
      }
      aliases += alias.size();
      NodeRecord r =
          NodeRecord.of(m.id, name, m.system)
              .withVersion(m.version)
              .withAliases(alias)
              .withFeatures(m.features)
              .withFixedOutput(m.fixedOutput);
      index.put(m.id, b.addNode(r, m.where));
      names.add(name);
    }
    LinkedHashSet<String> unresolved = new LinkedHashSet<>();
    int fixedOutputs = 0;
    int cut = 0;
    for (Merged m : byId.values()) {
      int from = index.get(m.id);
      if (m.fixedOutput) {
        fixedOutputs++;
      }
      for (String input : m.inputs) {
        Integer to = index.get(input);
        if (to == null) {
          unresolved.add(input);
        } else if (m.fixedOutput) {
          cut++; // the output path does not depend on the inputs: see the class comment
        } else {
          b.addEdge(from, to);
        }
      }
    }
    b.property("nix.fixedOutputs", Integer.toString(fixedOutputs));
    b.property("nix.fixedOutputInputsCut", Integer.toString(cut));
    if (files.stream().anyMatch(f -> f.kind().equals("eval-jobs"))) {
      java.util.BitSet jobs = new java.util.BitSet(byId.size());
      java.util.BitSet nameIsAttribute = new java.util.BitSet(byId.size());
      for (Merged m : byId.values()) {
        int v = index.get(m.id);
        jobs.set(v, m.job);
        nameIsAttribute.set(v, m.attributes.contains(names.get(v)));
      }
      b.property(NixJobs.PROPERTY, NixJobs.encode(jobs, nameIsAttribute, byId.size()));
    }
    b.unresolved(new ArrayList<>(unresolved));
    b.property("nix.aliases", Integer.toString(aliases));
    b.property("nix.unresolvedInputs", Integer.toString(unresolved.size()));
    b.description("nix: " + String.join(", ", described));

    List<String> warnings = new ArrayList<>();
    for (NixFile f : files) {
      for (String w : f.warnings()) {
        warnings.add(Path.of(f.file()).getFileName() + ":" + w);
      }
    }
    boolean anyInputs = byId.values().stream().anyMatch(m -> !m.inputs.isEmpty());
    if (!anyInputs
        && byId.size() > 1
        && files.stream().allMatch(f -> f.kind().equals("eval-jobs"))) {
      warnings.add(
          "the nix-eval-jobs lines carry no inputDrvs, so the graph has no edges: run"
              + " nix-eval-jobs with --show-input-drvs, or add --derivations");
    }
    if (!unresolved.isEmpty()) {
      boolean jobsOnly = files.size() == 1 && files.get(0).kind().equals("eval-jobs");
      warnings.add(
          unresolved.size()
              + " input derivation(s) are named but not described (first: "
              + unresolved.iterator().next()
              + "); their edges were dropped. "
              + (jobsOnly
                  ? "Add --derivations with the output of `nix derivation show --recursive` for"
                      + " the full graph."
                  : "Use `nix derivation show --recursive` for the full closure."));
    }
    return new Result(b.build(), files, unresolved.size(), warnings);
  }
}
