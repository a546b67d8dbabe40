package dev.preflight.graph.generate;

/**
 * The groups of the synthetic package set. Each group with a preferential-attachment urn ({@link
 * #attaches}) grows its own hubs: a package is picked as an input with probability proportional to
 * its current fan-in plus its initial weight.
 */
enum PackagePool {
  /** Build tools, picked by a package's build system. */
  TOOL(false),
  /** Core C libraries. */
  CORE(true),
  /** Higher-level libraries. */
  LIB(true),
  /** Interpreters and compilers. */
  LANG(false),
  /** python3Packages. */
  PY(true),
  /** perlPackages. */
  PERL(true),
  /** haskellPackages. */
  HS(true),
  /** Rust applications (leaves: crates are vendored, not packaged). */
  RUST(false),
  /** Applications (leaves). */
  APP(false);

  private final boolean attaches;

  PackagePool(boolean attaches) {
    this.attaches = attaches;
  }

  /** Whether generated packages pick members of this pool by preferential attachment. */
  boolean attaches() {
    return attaches;
  }
}
