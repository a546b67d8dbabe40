package dev.preflight.cli;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads the graph a short command will need on a second thread while the main thread builds the
 * command line (issue 17, start-up): picocli's first model costs 110-190 ms of a cold start (its
 * annotation proxies and reflection) and the bundled graph's read about 220 ms; on two cores the
 * two now overlap instead of adding up.
 *
 * <p>Only what the arguments name beyond doubt is read ahead: a short graph command ({@link
 * #COMMANDS}), at most one {@code -g/--graph} (else the bundled default graph), no {@code
 * --input-format}, no {@code impact --before/--after} (a diff reads two graphs), no help or version
 * request, and a regular {@code .arrow} file of at most {@link #MAX_BYTES} (larger graphs keep
 * their progress bar, which a read ahead cannot show). The command takes the result through {@link
 * #take}, which falls back to an ordinary read for any other file; a read ahead that failed fails
 * the command exactly as its own read would have (the same exception, thrown when the command asks
 * for the graph), and one the command never asks for (a usage error, another file) is dropped. Only
 * {@link PreflightCli#main} starts one: tests and embedders that call {@link Main#run} read as
 * before.
 */
final class GraphPrefetch {
  /** The commands whose graph is read ahead: short ones, each reading one graph. */
  static final Set<String> COMMANDS = Set.of("impact", "cost", "risk", "plan", "stats", "names");

  /**
   * The largest file read ahead: about 400,000 nodes (the generated 1,000,000-node graph is 38 MB
   * and reads in 1.8 s), under a second to read; a larger graph is read by the command itself, with
   * its progress bar.
   */
  static final long MAX_BYTES = 16L << 20;

  private record Pending(Path file, CompletableFuture<PackageGraph> graph) {}

  private static volatile Pending pending;

  private GraphPrefetch() {}

  /** Starts reading the graph {@code args} name, when they name one beyond doubt. */
  static void start(String... args) {
    Path file = graphOf(args);
    if (file == null) {
      return;
    }
    CompletableFuture<PackageGraph> future = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                long start = System.nanoTime();
                PackageGraph g = GraphFormat.load(file, null, Progress.NONE);
                Trace.aside("graph read ahead", start);
                future.complete(g);
              } catch (Throwable e) { // handed to the command, which reports it as its own read
                future.completeExceptionally(e);
              }
            },
            "preflight-graph-prefetch");
    t.setDaemon(true);
    pending = new Pending(file, future);
    t.start();
  }

  /**
   * The graph in {@code file}: the one read ahead when it is that file and no format was forced,
   * else read now.
   */
  static PackageGraph take(Path file, String inputFormat, Progress progress) {
    Pending p = pending;
    pending = null;
    if (p != null && inputFormat == null && p.file.equals(normal(file))) {
      try {
        return p.graph.join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw e;
      }
    }
    return GraphFormat.load(file, inputFormat, progress);
  }

  /** The graph file {@code args} name beyond doubt, or null. */
  static Path graphOf(String... args) {
    String command = PreflightCli.subcommand(args);
    if (command == null || !COMMANDS.contains(command)) {
      return null;
    }
    String graph = null;
    int graphs = 0;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        break;
      }
      switch (a) {
        case "-h", "--help", "-V", "--version", "--input-format", "--before", "--after" -> {
          return null; // help, a forced format, or impact's two graphs of a diff
        }
        case "-g", "--graph" -> {
          graphs++;
          graph = i + 1 < args.length ? args[++i] : null;
        }
        default -> {
          if (a.startsWith("--graph=")) {
            graphs++;
            graph = a.substring("--graph=".length());
          } else if (a.startsWith("--input-format=")
              || a.startsWith("--before=")
              || a.startsWith("--after=")) {
            return null;
          }
        }
      }
    }
    if (graphs > 1 || (graphs == 1 && (graph == null || graph.isEmpty()))) {
      return null;
    }
    Path file;
    try {
      file = graphs == 0 ? DefaultGraph.path() : Path.of(graph);
      if (!file.getFileName().toString().endsWith(".arrow")
          || !Files.isRegularFile(file)
          || Files.size(file) > MAX_BYTES) {
        return null;
      }
    } catch (RuntimeException | java.io.IOException e) {
      return null; // the command's own read reports it
    }
    return normal(file);
  }

  private static Path normal(Path file) {
    return file.toAbsolutePath().normalize();
  }
}
