package dev.preflight.cli;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.io.nix.DotEdges;
import dev.preflight.graph.io.nix.NixImport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code preflight import nix}: a Nix derivation graph from the files Nix tools print. */
@Command(
    name = "nix",
    mixinStandardHelpOptions = true,
    description = {
      "Import a Nix derivation graph (node id = drv path) from any combination of:",
      "  `nix derivation show --recursive` JSON (every shape Nix has printed),",
      "  `nix-store --query --graph` DOT, and nix-eval-jobs JSON lines (attributes that",
      "  evaluate to the same derivation become aliases). Inputs that no file describes are",
      "  reported as unresolved and their edges dropped. gzip/xz input is read as is."
    },
    footer = {
      "",
      "Examples:",
      "  nix derivation show --recursive nixpkgs#curl > curl.drv.json",
      "  preflight import nix --derivations curl.drv.json -o curl.json",
      "  nix-store --query --graph $(nix-instantiate '<nixpkgs>' -A hello) > hello.dot",
      "  preflight import nix --dot hello.dot --system x86_64-linux -o hello.json",
      "  preflight import nix --eval-jobs jobs.jsonl --derivations all.drv.json \\",
      "      -o g.json"
    })
final class ImportNixCommand implements Callable<Integer> {
  @Option(
      names = "--derivations",
      paramLabel = "FILE",
      description = "Output of `nix derivation show --recursive` (or `nix show-derivation -r`).")
  Path derivations;

  @Option(
      names = "--dot",
      paramLabel = "FILE",
      description = "Output of `nix-store --query --graph`.")
  Path dot;

  @Option(
      names = "--eval-jobs",
      paramLabel = "FILE",
      description = "nix-eval-jobs output (best with --show-input-drvs).")
  Path evalJobs;

  @Option(
      names = "--system",
      paramLabel = "SYSTEM",
      description = "System of the DOT file's nodes (DOT does not say; default: empty).")
  String system;

  @Option(
      names = "--dot-edges",
      paramLabel = "DIRECTION",
      defaultValue = "nix-store",
      description =
          "Which way DOT edges point: nix-store (reference -> referrer, as nix-store writes)"
              + " or needs (dependent -> dependency). Default: ${DEFAULT-VALUE}.")
  String dotEdges;

  @picocli.CommandLine.Mixin GraphOutputOptions graphOutput;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (derivations == null && dot == null && evalJobs == null) {
      throw InputException.of("name at least one input: --derivations, --dot or --eval-jobs");
    }
    graphOutput.writableFormat(); // a read-only format fails before any work
    NixImport.Result r =
        NixImport.create()
            .derivations(derivations)
            .dot(dot)
            .evalJobs(evalJobs)
            .dotSystem(system)
            .dotEdges(DotEdges.byName(dotEdges))
            .run(TerminalProgress.forStderr());
    PackageGraph g = r.graph();
    Path output = graphOutput.write(g);
    PrintWriter err = spec.commandLine().getErr();
    for (String w : r.warnings()) {
      err.println("preflight: warning: " + w);
    }
    err.printf(
        "preflight: wrote %s: %,d derivations, %,d edges, %d system(s), %,d unresolved inputs,"
            + " %,d aliases%n",
        output,
        g.nodeCount(),
        g.edgeCount(),
        g.systems().size(),
        r.unresolvedInputs(),
        aliasCount(g));
    err.flush();
    return ExitCodes.OK;
  }

  private static int aliasCount(PackageGraph g) {
    int n = 0;
    for (int v = 0; v < g.nodeCount(); v++) {
      n += g.aliases(v).size();
    }
    return n;
  }
}
