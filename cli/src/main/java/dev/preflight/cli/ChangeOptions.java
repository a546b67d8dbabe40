package dev.preflight.cli;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.impact.ChangeResolver;
import dev.preflight.impact.Changes;
import dev.preflight.report.question.ChangeSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code -c/--change} and {@code --changes-file}, shared by every command that takes a change
 * ({@code impact}, {@code cost}, {@code risk}, {@code plan}): names split on commas and repeatable
 * everywhere; the file described once. Binary package names a Debian source stands for are reported
 * on stderr ({@link ChangeNotes}).
 */
final class ChangeOptions {
  @Option(
      names = {"-c", "--change"},
      paramLabel = "NAME",
      arity = "1..*",
      split = ",",
      description =
          "Changed packages: ids, names, name.system, aliases or globs (comma-separated,"
              + " repeatable).")
  List<String> names = new ArrayList<>();

  @Option(
      names = "--changes-file",
      paramLabel = "FILE",
      description = "A file of changes, one per line; # starts a comment.")
  Path file;

  /** Whether a change was named at all. */
  boolean given() {
    return !names.isEmpty() || file != null;
  }

  /** Fails with the usual hint unless a change was named. */
  void require() {
    if (!given()) {
      throw InputException.of("name the changed packages with --change or --changes-file");
    }
  }

  /** The named changes in {@code graph}; notes about what they stand for go to {@code err}. */
  Changes resolve(PackageGraph graph, PrintWriter err) {
    return ChangeNotes.report(new ChangeResolver(graph).resolve(names, file), err);
  }

  /** The change as the shared questions take it. */
  ChangeSpec spec() {
    return new ChangeSpec(names, file);
  }
}
