package dev.preflight.cli;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Option;

/**
 * {@code --threads} and the one place a command's thread pool is built: daemon threads named after
 * the command, owned and shut down by the command (the engines take the executor, never make one).
 */
final class ThreadsOption {
  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads for the parallel parts (default: cores).")
  Integer threads;

  /** The worker count: {@code --threads} (at least 1, {@link OptionChecks}), else the cores. */
  int count() {
    return threads != null ? threads : Runtime.getRuntime().availableProcessors();
  }

  /** A pool of {@link #count()} daemon threads named {@code preflight-<command>}. */
  ExecutorService pool(String command) {
    return pool(command, count());
  }

  /**
   * A pool of {@code n} daemon threads named {@code preflight-<name>}, for a command that sizes its
   * pool by its input rather than by {@code --threads} ({@code import debian}: one per Packages
   * index).
   */
  static ExecutorService pool(String name, int n) {
    return Executors.newFixedThreadPool(
        n,
        r -> {
          Thread t = new Thread(r, "preflight-" + name);
          t.setDaemon(true);
          return t;
        });
  }
}
