package dev.preflight.report.question;

import dev.preflight.cost.Cluster;
import dev.preflight.cost.ClusterFormat;
import dev.preflight.cost.ClusterWhatIf;
import dev.preflight.graph.InputException;
import dev.preflight.settings.CostSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * The cluster a rebuild is simulated on: a cluster file, or the shorthand {@code --builders}/{@code
 * --slots}, else the settings' cluster; then the what-if edits {@code --price}, {@code --autoscale}
 * and {@code --currency} ({@link ClusterWhatIf}).
 *
 * @param file a cluster file (json, yaml, Nix machines) or null
 * @param format the file's format when its extension does not say it, or null
 * @param builders the shorthand's machine count, or null
 * @param slots the shorthand's slots per machine, or null
 * @param prices {@code [POOL=]AMOUNT[/h]} what-ifs, none when empty
 * @param autoscale {@code [POOL=]MIN..MAX|N} what-ifs, none when empty
 * @param currency the ISO 4217 code the prices are in, or null for the cluster's own
 */
public record ClusterSpec(
    Path file,
    String format,
    Integer builders,
    Integer slots,
    List<String> prices,
    List<String> autoscale,
    String currency) {
  /** The settings' cluster. */
  public static final ClusterSpec DEFAULT =
      new ClusterSpec(null, null, null, null, List.of(), List.of(), null);

  public ClusterSpec {
    prices = prices == null ? List.of() : List.copyOf(prices);
    autoscale = autoscale == null ? List.of() : List.copyOf(autoscale);
  }

  /** The file or shorthand cluster without what-ifs. */
  public ClusterSpec(Path file, String format, Integer builders, Integer slots) {
    this(file, format, builders, slots, List.of(), List.of(), null);
  }

  /** Fails on contradicting or out-of-range options, before any file is read. */
  public void check() {
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

  /** The cluster named. */
  public Cluster load(CostSettings s) {
    check();
    Cluster c =
        file != null
            ? ClusterFormat.load(file, format, s)
            : Cluster.shorthand(
                builders != null ? builders : s.builders(), slots != null ? slots : s.slots(), s);
    return ClusterWhatIf.apply(c, prices, autoscale, currency);
  }
}
