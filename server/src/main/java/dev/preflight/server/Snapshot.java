package dev.preflight.server;

import dev.preflight.graph.PackageGraph;
import dev.preflight.impact.ImpactAnalysis;
import dev.preflight.impact.ImpactProfile;
import dev.preflight.impact.Policy;
import dev.preflight.impact.ProfileEngines;
import dev.preflight.settings.Settings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;

/**
 * One loaded graph, immutable once published: the graph, where it came from, when it was loaded,
 * and answers computed once per snapshot on first use (the impact profile, the sorted names for
 * completion). A reload publishes a new snapshot; requests that hold the old one finish on it.
 *
 * <p>Thread-safety: the graph is read-only; the lazy parts are computed at most once under the
 * snapshot's lock and then read without it (volatile publication).
 */
final class Snapshot {
  final String name;
  final Path file;
  final String inputFormat;
  final PackageGraph graph;
  final Instant loadedAt;
  final double loadSeconds;
  final long fileSize;
  final long fileModified;
  final long generation;

  private volatile ImpactProfile profile;
  private volatile String[] sortedNames;

  Snapshot(
      String name,
      Path file,
      String inputFormat,
      PackageGraph graph,
      Instant loadedAt,
      double loadSeconds,
      long fileSize,
      long fileModified,
      long generation) {
    this.name = name;
    this.file = file;
    this.inputFormat = inputFormat;
    this.graph = graph;
    this.loadedAt = loadedAt;
    this.loadSeconds = loadSeconds;
    this.fileSize = fileSize;
    this.fileModified = fileModified;
    this.generation = generation;
  }

  /** The graph's own policy ({@code binnmu} for a Debian graph, else {@code transitive}). */
  String defaultPolicy() {
    return Policy.defaultFor(graph).name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The impact profile of every node (as {@code impact --profile}), computed on first use with the
   * bitset engine on {@code executor} and kept for this snapshot's life.
   */
  ImpactProfile profile(Settings settings, ExecutorService executor, int threads) {
    ImpactProfile p = profile;
    if (p == null) {
      synchronized (this) {
        p = profile;
        if (p == null) {
          p =
              new ImpactAnalysis(graph, settings.impact(), executor, threads)
                  .profile(ProfileEngines.BITSET, dev.preflight.graph.Progress.NONE);
          profile = p;
        }
      }
    }
    return p;
  }

  /** Whether the profile has been computed. */
  boolean hasProfile() {
    return profile != null;
  }

  /** Every distinct node name and alias, sorted (completion). */
  String[] sortedNames() {
    String[] n = sortedNames;
    if (n == null) {
      synchronized (this) {
        n = sortedNames;
        if (n == null) {
          TreeSet<String> names = new TreeSet<>();
          for (int i = 0; i < graph.nodeCount(); i++) {
            names.add(graph.name(i));
            names.addAll(graph.aliases(i));
          }
          n = names.toArray(new String[0]);
          sortedNames = n;
        }
      }
    }
    return n;
  }

  /** Up to {@code limit} names starting with {@code prefix}, sorted. */
  java.util.List<String> namesStartingWith(String prefix, int limit) {
    String[] n = sortedNames();
    int i = Arrays.binarySearch(n, prefix);
    if (i < 0) {
      i = -i - 1;
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    for (; i < n.length && out.size() < limit && n[i].startsWith(prefix); i++) {
      out.add(n[i]);
    }
    return out;
  }
}
