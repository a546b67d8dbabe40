package dev.preflight.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A graph to serve ({@code --graph NAME=FILE}).
 *
 * @param name the name requests use ({@code graph=NAME})
 * @param file the graph file, read as the command line reads {@code --graph}
 * @param inputFormat the file's format when its extension does not say it, or null
 */
public record GraphSource(String name, Path file, String inputFormat) {
  public GraphSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
  }
}
