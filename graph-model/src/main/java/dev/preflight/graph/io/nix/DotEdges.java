package dev.preflight.graph.io.nix;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which way the edges of a DOT file point. */
public enum DotEdges {
  /**
   * {@code reference -> referrer}: the dependency points at the dependent, as {@code nix-store
   * --query --graph} writes (the default).
   */
  REFERENCE_TO_REFERRER("nix-store"),
  /** {@code dependent -> dependency}: "a needs b", Preflight's own direction. */
  DEPENDENT_TO_DEPENDENCY("needs");

  private final String optionName;

  DotEdges(String optionName) {
    this.optionName = optionName;
  }

  /** The name used on the command line. */
  public String optionName() {
    return optionName;
  }

  /** The direction with this command-line name; an unknown name lists the known ones. */
  public static DotEdges byName(String name) {
    for (DotEdges d : values()) {
      if (d.optionName.equals(name.toLowerCase(Locale.ROOT))) {
        return d;
      }
    }
    throw dev.preflight.graph.Names.unknown(
        "DOT edge direction",
        name,
        Arrays.stream(values()).map(DotEdges::optionName).collect(Collectors.toList()));
  }
}
