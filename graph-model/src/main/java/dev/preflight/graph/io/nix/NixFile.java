package dev.preflight.graph.io.nix;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one reader found in one file: its derivations in file order and a few facts about the file
 * (its shape, what was skipped), kept in the graph's metadata.
 *
 * @param file the file read
 * @param kind {@code derivations}, {@code dot} or {@code eval-jobs}
 * @param derivations the derivations the file describes, each id once
 * @param facts counts and shape notes, sorted by key
 * @param warnings things a user should know that do not stop the import (evaluation errors)
 */
public record NixFile(
    String file,
    String kind,
    List<NixDerivation> derivations,
    Map<String, String> facts,
    List<String> warnings) {

  public NixFile {
    derivations = List.copyOf(derivations);
    facts = java.util.Collections.unmodifiableMap(new TreeMap<>(facts));
    warnings = List.copyOf(warnings);
  }
}
