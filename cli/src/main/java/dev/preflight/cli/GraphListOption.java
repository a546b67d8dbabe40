package dev.preflight.cli;

import dev.preflight.graph.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code -g/--graph [LABEL=]FILE}, repeatable, and their {@code --input-format}, for the commands
 * that hold several graphs under labels ({@code batch}: rows choose one with {@code "graph"};
 * {@code serve}: requests with {@code graph=}). One syntax for both: a file without a label is
 * labelled with its name without extensions, two graphs may not share a label, the first answers
 * what names none, and without the option the bundled graph stands alone. Each command keeps its
 * own spelling rule for labels ({@code serve}'s go into URLs).
 */
final class GraphListOption {
  @Option(
      names = {"-g", "--graph"},
      paramLabel = "[LABEL=]FILE",
      description =
          "A graph, labelled LABEL, else with its file name without extension; repeatable, the"
              + " first answers what names no graph. Default: the bundled graph.")
  List<String> specs = new ArrayList<>();

  @Mixin InputFormatOption format;

  /**
   * The named graphs, label to file in the order given, or the bundled graph under {@code
   * bundledLabel}; each label passes {@code check}, which throws an {@link InputException} naming
   * it otherwise.
   */
  Map<String, Path> labelled(String bundledLabel, UnaryOperator<String> check) {
    Map<String, Path> out = new LinkedHashMap<>();
    if (specs.isEmpty()) {
      out.put(bundledLabel, DefaultGraph.path());
      return out;
    }
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      Path file = Path.of(eq > 0 ? spec.substring(eq + 1) : spec);
      String label = check.apply(eq > 0 ? spec.substring(0, eq) : stem(file));
      if (out.putIfAbsent(label, file) != null) {
        throw InputException.of(
            "two graphs are labelled '" + label + "': name them with --graph LABEL=FILE");
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** The file name without its extensions: {@code g.arrow} and {@code g.json.xz} give {@code g}. */
  static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
