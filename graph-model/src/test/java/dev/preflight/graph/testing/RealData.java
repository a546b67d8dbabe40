package dev.preflight.graph.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Real data the repository does not carry (the Debian bookworm archive indices in {@code
 * ../shared/data}), and what a test does when it is absent: never a silent skip.
 *
 * <p>With {@code -Dpreflight.requireRealData=true} (what {@code .ci/run} passes; Surefire forwards
 * it, see the root pom) missing data fails the test with where the data should be. Without it, as
 * in a user's clone with no {@code ../shared}, the test is skipped and says so on stderr, on one
 * line that starts with the test's name and {@code SKIPPED:}, which Maven shows even under {@code
 * -q}.
 */
public final class RealData {
  /** The system property that turns missing real data into a failure. */
  public static final String REQUIRE = "preflight.requireRealData";

  /** The system property that names the bookworm folder explicitly. */
  public static final String DEBIAN_DATA = "preflight.debianData";

  private RealData() {}

  /** Whether this run must have the real data ({@code -Dpreflight.requireRealData=true}). */
  public static boolean required() {
    return Boolean.parseBoolean(System.getProperty(REQUIRE, "false").strip());
  }

  /**
   * The real bookworm indices ({@code Sources.xz}, {@code Packages.xz}): {@code
   * -Dpreflight.debianData=DIR}, else {@code shared/data/debian-bookworm} beside {@code repo} or
   * beside a folder above it (a git worktree). Empty when none exists.
   */
  public static Optional<Path> findDebianBookworm(Path repo) {
    String prop = System.getProperty(DEBIAN_DATA);
    if (prop != null && !prop.isBlank()) {
      Path d = Path.of(prop).toAbsolutePath().normalize();
      return Files.isRegularFile(d.resolve("Sources.xz")) ? Optional.of(d) : Optional.empty();
    }
    for (Path p = repo.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
      Path d = p.resolve("shared/data/debian-bookworm");
      if (Files.isRegularFile(d.resolve("Sources.xz"))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * The bookworm folder for {@code test}; when it is absent, fails the test under {@link #REQUIRE}
   * and otherwise prints the skip on stderr and aborts the test (or the class, from
   * {@code @BeforeAll}).
   */
  public static Path debianBookworm(String test, Path repo) {
    Optional<Path> found = findDebianBookworm(repo);
    if (found.isPresent()) {
      return found.get();
    }
    missing(test, debianWhere(repo));
    throw new AssertionError("unreachable");
  }

  /** Where the bookworm folder was looked for, and how to provide it, for messages. */
  public static String debianWhere(Path repo) {
    String prop = System.getProperty(DEBIAN_DATA);
    String looked =
        prop != null && !prop.isBlank()
            ? "-D" + DEBIAN_DATA + "=" + prop + " has no Sources.xz"
            : "../shared/data/debian-bookworm (Sources.xz, Packages.xz) not found beside "
                + repo.toAbsolutePath().normalize()
                + " or a folder above it";
    return looked
        + "; put the shared data there (bookworm main amd64 Sources.xz and Packages.xz) or set -D"
        + DEBIAN_DATA
        + "=DIR";
  }

  /** Fails under {@link #REQUIRE}; otherwise prints {@code TEST: SKIPPED: WHY} and aborts. */
  public static void missing(String test, String why) {
    if (required()) {
      Assertions.fail(test + ": real data required (-D" + REQUIRE + "=true) but " + why);
    }
    System.err.println(
        test + ": SKIPPED: " + why + " (-D" + REQUIRE + "=true makes this a failure)");
    System.err.flush();
    Assumptions.abort(test + ": " + why);
  }
}
