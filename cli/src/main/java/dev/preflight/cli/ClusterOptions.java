package dev.preflight.cli;

import dev.preflight.cost.Cluster;
import dev.preflight.report.question.ClusterSpec;
import dev.preflight.settings.CostSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The cluster a rebuild is simulated on, shared by {@code cost}, {@code plan} and {@code batch}: a
 * cluster file, or the shorthand {@code --builders}/{@code --slots}, else the settings' cluster.
 */
final class ClusterOptions {
  @Option(
      names = "--cluster",
      paramLabel = "FILE",
      description = "Cluster file: .json, .yaml/.yml, or a Nix machines file.")
  Path file;

  @Option(
      names = "--cluster-format",
      paramLabel = "FORMAT",
      description = "json, yaml or machines, when the extension does not say it.")
  String format;

  @Option(
      names = "--builders",
      paramLabel = "N",
      description = "Shorthand cluster: N machines building every system (at most 100,000).")
  Integer builders;

  @Option(
      names = "--slots",
      paramLabel = "S",
      description =
          "Build slots (maxJobs) per machine of the shorthand, at most 1,024 (default from settings).")
  Integer slots;

  /** The options as the shared questions take them. */
  ClusterSpec spec() {
    return new ClusterSpec(file, format, builders, slots);
  }

  /** Fails on contradicting or out-of-range options, before any file is read. */
  void check() {
    spec().check();
  }

  /** The cluster the options name. */
  Cluster load(CostSettings s) {
    return spec().load(s);
  }
}
