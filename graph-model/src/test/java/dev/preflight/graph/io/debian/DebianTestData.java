package dev.preflight.graph.io.debian;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the Debian test inputs are: the committed excerpt (the shared bookworm indices: {@link
 * dev.preflight.graph.testing.RealData}).
 */
final class DebianTestData {
  private DebianTestData() {}

  /**
   * The repository root: the {@code preflight.repo} system property Surefire sets, else the first
   * folder above the working directory that has {@code fixtures/debian}.
   */
  static Path repo() {
    String prop = System.getProperty("preflight.repo");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("fixtures/debian"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the repository root (fixtures/debian)");
  }

  static Path excerptSources() {
    return repo().resolve("fixtures/debian/excerpt/Sources");
  }

  static Path excerptPackages() {
    return repo().resolve("fixtures/debian/excerpt/Packages");
  }
}
