package dev.preflight.impact;

import dev.preflight.graph.DependencyGraph;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/** The closure engines, by name (benchmarks and tests pick them with a {@code @Param}). */
public enum ClosureEngines {
  /**
   * {@link ReverseClosure}: sequential; transitive membership over the SCC condensation, distances
   * on first use. The default for one or a few changes.
   */
  BFS {
    @Override
    public ClosureEngine create(DependencyGraph g, ExecutorService executor, int parallelism) {
      return new ReverseClosure(g);
    }
  },
  /**
   * {@link ParallelClosure}: level-synchronous BFS on the caller's executor, distances computed
   * with the members.
   */
  PARALLEL {
    @Override
    public ClosureEngine create(DependencyGraph g, ExecutorService executor, int parallelism) {
      return new ParallelClosure(g, executor, parallelism);
    }
  };

  /** A new engine over {@code g}; {@code executor} is owned by the caller. */
  public abstract ClosureEngine create(
      DependencyGraph g, ExecutorService executor, int parallelism);

  /** The engine with this name, in any case; unknown names list the known ones. */
  public static ClosureEngines parse(String name) {
    for (ClosureEngines e : values()) {
      if (e.name().equalsIgnoreCase(name.trim())) {
        return e;
      }
    }
    throw dev.preflight.graph.Names.unknown(
        "closure engine",
        name,
        Arrays.stream(values())
            .map(e -> e.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.toList()));
  }
}
