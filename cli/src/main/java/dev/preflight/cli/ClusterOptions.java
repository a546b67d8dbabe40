package dev.preflight.cli;

import dev.preflight.cost.Cluster;
import dev.preflight.cost.ClusterFormat;
import dev.preflight.cost.ClusterWhatIf;
import dev.preflight.graph.InputException;
import dev.preflight.settings.CostSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The cluster a rebuild is simulated on, shared by {@code cost}, {@code plan} and {@code batch}: a
 * cluster file, or the shorthand {@code --builders}/{@code --slots}, else the settings' cluster;
 * then the what-if edits {@code --price}, {@code --autoscale} and {@code --currency} ({@link
 * ClusterWhatIf}).
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

  @Option(
      names = "--price",
      paramLabel = "[POOL=]AMOUNT[/h]",
      split = ",",
      description =
          "What-if: the price of one machine-hour of POOL, in the cluster's currency (POOL= may"
              + " be left out on a one-pool cluster). Repeatable.")
  List<String> prices = new ArrayList<>();

  @Option(
      names = "--autoscale",
      paramLabel = "[POOL=]MIN..MAX|N",
      split = ",",
      description =
          "What-if: POOL scales between MIN and MAX machines by its queue (Hydra's rule), or runs"
              + " N fixed machines. Repeatable.")
  List<String> autoscale = new ArrayList<>();

  @Option(
      names = "--currency",
      paramLabel = "CODE",
      description =
          "ISO 4217 code the prices are in (default: the cluster file's currency, else the"
              + " settings': USD).")
  String currency;

  /** Fails on contradicting or out-of-range options, before any file is read. */
  void check() {
    if (file != null && (builders != null || slots != null)) {
      throw InputException.of("--cluster and --builders/--slots exclude each other");
    }
    if (format != null && file == null) {
      throw InputException.of("--cluster-format needs --cluster");
    }
    if (builders != null && builders < 1 || slots != null && slots < 1) {
      throw InputException.of("--builders and --slots must be >= 1");
    }
  }

  /** The cluster the options name. */
  Cluster load(CostSettings s) {
    check();
    Cluster c =
        file != null
            ? ClusterFormat.load(file, format, s)
            : Cluster.shorthand(
                builders != null ? builders : s.builders(), slots != null ? slots : s.slots(), s);
    return ClusterWhatIf.apply(c, prices, autoscale, currency);
  }
}
