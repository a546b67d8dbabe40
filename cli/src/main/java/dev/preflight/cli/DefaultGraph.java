package dev.preflight.cli;

import dev.preflight.graph.InputException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the bundled default graph: {@code fixtures/} + {@link #FILE} under the Preflight home. The
 * home is {@code -Dpreflight.home} (the launcher sets it), else {@code $PREFLIGHT_HOME}, else the
 * first folder above the running jar (or classes folder) that has a {@code fixtures/} folder.
 */
final class DefaultGraph {
  /** The bundled default graph, relative to the home. */
  static final String FILE = "fixtures/debian-bookworm-amd64.arrow";

  private DefaultGraph() {}

  static Path path() {
    Path home = home();
    if (home == null) {
      throw InputException.of(
          "no --graph given and the bundled default graph ("
              + FILE
              + ") was not found; set PREFLIGHT_HOME to the Preflight checkout");
    }
    Path p = home.resolve(FILE);
    if (!Files.isRegularFile(p)) {
      throw new InputException(p.toString(), null, "bundled default graph is missing");
    }
    return p;
  }

  private static Path home() {
    String prop = System.getProperty("preflight.home");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String env = System.getenv("PREFLIGHT_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    try {
      Path here =
          Path.of(DefaultGraph.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path dir = here; dir != null; dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve(FILE))) {
          return dir;
        }
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return null;
    }
    return null;
  }
}
