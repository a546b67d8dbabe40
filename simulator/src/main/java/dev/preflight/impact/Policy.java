package dev.preflight.impact;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How far a rebuild spreads from the changed nodes (DESIGN.md §2, after OBS's {@code rebuild=}
 * setting).
 */
public enum Policy {
  /**
   * Nix, Guix, OBS default: every node that reaches a changed node through edges rebuilds. A whole
   * strongly connected component rebuilds when any member does.
   */
  TRANSITIVE,
  /**
   * OBS {@code rebuild=direct}: the changed nodes and their direct (build-)dependents. On a Debian
   * graph this is the build-dependency set, not what a library transition rebuilds ({@link
   * #BINNMU}).
   */
  DIRECT,
  /** OBS {@code rebuild=local}, a graft: only the changed nodes. */
  LOCAL,
  /**
   * OBS build-compare, Nix content-addressed derivations: transitive, but a rebuilt node's output
   * is unchanged with probability {@code p} and then propagation stops there (Monte Carlo).
   */
  CUTOFF,
  /**
   * A Debian library transition as the release team's tracker sees it: the changed source L and
   * every source with a binary of {@code Architecture} other than {@code all} whose {@code
   * Depends}/{@code Pre-Depends} names a binary of L (or a virtual name one Provides). Answered as
   * {@link #DIRECT} over the graph's {@code binnmu} relation (DESIGN.md §2).
   */
  BINNMU,
  /**
   * A Debian security rebuild of statically embedded code: L and the sources whose binaries name L
   * in {@code Built-Using} or {@code Static-Built-Using}. Answered as {@link #DIRECT} over the
   * graph's {@code static} relation (DESIGN.md §2).
   */
  STATIC;

  /**
   * The graph relation this policy reads instead of the build edges ({@code binnmu}, {@code
   * static}), or null for the build edges.
   */
  public String relation() {
    return switch (this) {
      case BINNMU -> "binnmu";
      case STATIC -> "static";
      default -> null;
    };
  }

  /**
   * The deterministic rule a closure engine applies: {@link #DIRECT} for the relation policies (one
   * step over their relation), the policy itself otherwise.
   */
  public Policy closureRule() {
    return relation() == null ? this : DIRECT;
  }

  /** The graph a closure engine reads for this policy: a relation's view, or {@code g} itself. */
  public PackageGraph closureView(PackageGraph g) {
    return relation() == null ? g : g.relationView(relation());
  }

  /**
   * The graph that orders this policy's builds: for a relation policy the build edges together with
   * the relation's (S is rebuilt against the new L, after it), else {@code g} itself.
   */
  public PackageGraph scheduleView(PackageGraph g) {
    return relation() == null ? g : g.unionView(relation());
  }

  /**
   * What orders the builds of a rebuild: the edges of {@link #scheduleView} among the rebuilt
   * {@code members}; for a round ({@link #isRound}: binnmu, static, direct) without those from a
   * changed node ({@code seeds}) to a member that is not changed. A change starts its round: the
   * changed package is built first, against the current binaries of whatever unchanged packages it
   * needs (its build-dependencies inside the round are not rebuilt before it: in a Debian
   * transition the new library is uploaded and built, then its dependents are binNMUed against it);
   * changed packages still wait for each other. Under the other policies a cycle through a changed
   * node stays a cycle, whose members build in parallel against the previous binaries (DESIGN.md
   * §1). So every chain of the order starts at a changed node or at a build with no rebuilt input,
   * and a cycle through the changed node does not pull other builds ahead of it. {@code O(nodes +
   * edges of the members)}.
   */
  public dev.preflight.graph.DependencyGraph orderGraph(
      PackageGraph g, int[] seeds, int[] members) {
    PackageGraph view = scheduleView(g);
    boolean round = isRound();
    int n = g.nodeCount();
    boolean[] member = new boolean[n];
    for (int v : members) {
      member[v] = true;
    }
    boolean[] seed = new boolean[n];
    for (int v : seeds) {
      seed[v] = true;
    }
    int[] offsets = new int[n + 1];
    int[] inputs = new int[16];
    int e = 0;
    for (int v = 0; v < n; v++) {
      offsets[v] = e;
      if (member[v]) {
        for (int p = view.inputsStart(v); p < view.inputsEnd(v); p++) {
          int t = view.input(p);
          if (member[t] && (!round || !seed[v] || seed[t])) {
            if (e == inputs.length) {
              inputs = java.util.Arrays.copyOf(inputs, 2 * e);
            }
            inputs[e++] = t;
          }
        }
      }
    }
    offsets[n] = e;
    return dev.preflight.graph.CsrGraph.fromInputs(offsets, java.util.Arrays.copyOf(inputs, e));
  }

  /**
   * The rebuild set of {@code seeds} under this deterministic policy on {@code g} (sequential
   * engine).
   *
   * @throws IllegalArgumentException for {@link #CUTOFF}
   */
  public RebuildSet rebuildSet(PackageGraph g, int[] seeds) {
    return new ReverseClosure(closureView(g)).closure(seeds, closureRule());
  }

  /**
   * The policy a command uses: the one named on the command line, else the graph's default
   * (DESIGN.md §2: its {@code defaultPolicy} property, else {@code binnmu} for a Debian graph that
   * has the relation, else {@code transitive}).
   *
   * @param option the {@code --policy} word, or null
   */
  public static Policy resolve(String option, PackageGraph g) {
    if (option != null) {
      return parse(option);
    }
    return defaultFor(g);
  }

  /** The graph's default policy (see {@link #resolve}). */
  public static Policy defaultFor(PackageGraph g) {
    String stored = g.metadata().properties().get("defaultPolicy");
    if (stored != null) {
      Policy p = parse(stored);
      if (p.relation() == null || g.relationNames().contains(p.relation())) {
        return p;
      }
    }
    if ("debian".equals(g.metadata().distribution()) && g.relationNames().contains("binnmu")) {
      return BINNMU;
    }
    return TRANSITIVE;
  }

  /** Whether this policy is a Debian round whose builds need not wait on each other. */
  public boolean isRound() {
    return this == BINNMU || this == STATIC || this == DIRECT;
  }

  /** The lower-case name used on the command line and in reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The policy with this name, in any case.
   *
   * @throws InputException naming the word and the known policies
   */
  public static Policy parse(String name) {
    if (name != null) {
      for (Policy p : values()) {
        if (p.name().equalsIgnoreCase(name.trim())) {
          return p;
        }
      }
    }
    throw dev.preflight.graph.Names.unknown(
        "policy", name, Arrays.stream(values()).map(Policy::label).collect(Collectors.toList()));
  }
}
