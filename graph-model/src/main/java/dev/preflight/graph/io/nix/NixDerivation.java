package dev.preflight.graph.io.nix;

import java.util.List;
import java.util.Objects;

/**
 * One derivation as a Nix file describes it, before the files are merged into a graph.
 *
 * @param id the full drv path, {@code /nix/store/<hash>-<name>.drv}
 * @param name package name ({@code pname}, else the drv name parsed as {@code
 *     builtins.parseDrvName} does); empty if the file does not say
 * @param version package version; empty if unknown
 * @param system platform such as {@code x86_64-linux}; empty if the file does not say (DOT)
 * @param inputs full drv paths of the input derivations, in file order, without repeats
 * @param attributes attribute paths that evaluated to this derivation (nix-eval-jobs), in order
 * @param where the line or record that describes it, for messages
 * @param fixedOutput whether the file declares an output hash (a fixed-output derivation): {@code
 *     env.outputHash}, or a {@code hash} on an output. False where the file cannot tell (DOT,
 *     nix-eval-jobs)
 * @param features {@code requiredSystemFeatures}, or null where the file does not say
 */
public record NixDerivation(
    String id,
    String name,
    String version,
    String system,
    List<String> inputs,
    List<String> attributes,
    String where,
    boolean fixedOutput,
    List<String> features) {

  public NixDerivation {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("empty drv path");
    }
    name = name == null ? "" : name;
    version = version == null ? "" : version;
    system = system == null ? "" : system;
    inputs = List.copyOf(inputs);
    attributes = List.copyOf(attributes);
    features = features == null ? null : List.copyOf(features);
  }

  /** A derivation that is not fixed-output and whose required features the file does not give. */
  public NixDerivation(
      String id,
      String name,
      String version,
      String system,
      List<String> inputs,
      List<String> attributes,
      String where) {
    this(id, name, version, system, inputs, attributes, where, false, null);
  }
}
