package dev.preflight.graph.io.debian;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the Debian test inputs are: the committed excerpt and the shared bookworm indices. */
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

  /**
   * The real bookworm indices: {@code shared/data/debian-bookworm} beside the repository (CI and
   * the main checkout: {@code ../shared/data}) or beside a folder above it (a git worktree under
   * {@code wt/}), or {@code -Dpreflight.debianData=DIR}. Empty when none exists.
   */
  static Optional<Path> bookworm() {
    String prop = System.getProperty("preflight.debianData");
    if (prop != null && !prop.isBlank()) {
      return Optional.of(Path.of(prop));
    }
    for (Path p = repo().getParent(); p != null; p = p.getParent()) {
      Path d = p.resolve("shared/data/debian-bookworm");
      if (Files.isRegularFile(d.resolve("Sources.xz"))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
