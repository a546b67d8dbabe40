package dev.preflight.cli;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.generate.GeneratorSpec;
import dev.preflight.graph.generate.NixpkgsGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code preflight generate}: a synthetic nixpkgs-like graph of any size. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a synthetic nixpkgs-like package graph of any size.",
      "Stdenv bootstrap chains, core libraries and language ecosystems with power-law hubs,"
          + " applications as leaves, the same package set on every system (darwin ~10%% smaller),"
          + " Debian-shaped build durations, ~5%% RED statuses and channel tags. The same --nodes,"
          + " --seed and --systems always give the same file."
    },
    footer = {
      "",
      "Examples:",
      "  preflight generate --nodes 40000 --seed 1 -o g.json",
      "  preflight generate --nodes 1000000 --seed 7 --systems x86_64-linux -o big.json"
    })
final class GenerateCommand implements Callable<Integer> {
  @Option(
      names = "--nodes",
      required = true,
      paramLabel = "N",
      description = "Total nodes over all systems (exact), at most 20,000,000.")
  int nodes;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "S",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--systems",
      split = ",",
      paramLabel = "SYSTEM",
      defaultValue = "x86_64-linux,aarch64-linux,x86_64-darwin,aarch64-darwin",
      description = "Comma-separated platforms (default: ${DEFAULT-VALUE}).")
  List<String> systems;

  @picocli.CommandLine.Mixin GraphOutputOptions graphOutput;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    graphOutput.writableFormat(); // a read-only format fails before any work
    long start = System.nanoTime();
    PackageGraph g =
        NixpkgsGenerator.generate(
            new GeneratorSpec(nodes, seed, systems), TerminalProgress.forStderr());
    double generated = (System.nanoTime() - start) / 1e9;
    Path output = graphOutput.write(g);
    spec.commandLine()
        .getErr()
        .printf(
            "preflight: wrote %s: %,d nodes, %,d edges, %d system(s) (generated in %.1f s)%n",
            output, g.nodeCount(), g.edgeCount(), g.systems().size(), generated);
    return ExitCodes.OK;
  }
}
