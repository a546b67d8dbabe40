package dev.preflight.report.question;

import dev.preflight.cost.Cluster;
import dev.preflight.cost.ClusterFormat;
import dev.preflight.graph.InputException;
import dev.preflight.settings.CostSettings;
import java.nio.file.Path;

/**
 * The cluster a rebuild is simulated on: a cluster file, or the shorthand {@code --builders}/{@code
 * --slots}, else the settings' cluster.
 *
 * @param file a cluster file (json, yaml, Nix machines) or null
 * @param format the file's format when its extension does not say it, or null
 * @param builders the shorthand's machine count, or null
 * @param slots the shorthand's slots per machine, or null
 */
public record ClusterSpec(Path file, String format, Integer builders, Integer slots) {
  /** The settings' cluster. */
  public static final ClusterSpec DEFAULT = new ClusterSpec(null, null, null, null);

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
    if (file != null) {
      return ClusterFormat.load(file, format, s);
    }
    return Cluster.shorthand(
        builders != null ? builders : s.builders(), slots != null ? slots : s.slots(), s);
  }
}
