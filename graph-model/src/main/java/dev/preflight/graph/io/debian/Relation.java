package dev.preflight.graph.io.debian;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One alternative of a relationship field (Debian Policy §7.1), such as {@code libfoo-dev:native
 * (>= 1.2) [linux-any !hurd-i386] <!nocheck> <stage1 cross>}.
 *
 * @param name the package name, which may be real or virtual
 * @param archQualifier the {@code :any} / {@code :native} / {@code :amd64} qualifier without the
 *     colon, or null. The importer drops it: {@code :any} and {@code :native} only say which
 *     architecture's package may satisfy the relation, and a binary package name is built from the
 *     same source on every architecture, so {@code foo:i386} resolves to the source of {@code foo}.
 * @param version the version constraint, or null
 * @param architectures the {@code [...]} restriction list as written (terms may start with {@code
 *     !}), empty when absent
 * @param profiles the {@code <...>} restriction formula: one list of terms per group, empty when
 *     absent
 */
public record Relation(
    String name,
    String archQualifier,
    VersionConstraint version,
    List<String> architectures,
    List<List<String>> profiles) {

  public Relation {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("relation has an empty package name");
    }
    architectures = List.copyOf(architectures);
    List<List<String>> groups = new ArrayList<>(profiles.size());
    for (List<String> g : profiles) {
      if (g.isEmpty()) {
        throw new IllegalArgumentException("empty build profile group <>");
      }
      groups.add(List.copyOf(g));
    }
    profiles = List.copyOf(groups);
  }

  /** A plain relation on {@code name} with no qualifier, constraint or restriction. */
  public static Relation of(String name) {
    return new Relation(name, null, null, List.of(), List.of());
  }

  /**
   * Whether this alternative takes part in a build on {@code arch} with {@code profiles} active:
   * its architecture list concerns {@code arch} and its profile formula holds.
   */
  public boolean appliesTo(DebianArch arch, BuildProfiles active) {
    return arch.isConcerned(architectures) && active.satisfies(profiles);
  }

  /** The relation as Debian writes it, normalized (single spaces). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name);
    if (archQualifier != null) {
      sb.append(':').append(archQualifier);
    }
    if (version != null) {
      sb.append(' ').append(version);
    }
    if (!architectures.isEmpty()) {
      sb.append(" [").append(String.join(" ", architectures)).append(']');
    }
    for (List<String> g : profiles) {
      sb.append(" <").append(String.join(" ", g)).append('>');
    }
    return sb.toString();
  }
}
