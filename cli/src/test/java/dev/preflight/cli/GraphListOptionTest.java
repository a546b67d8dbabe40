package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.preflight.graph.InputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

final class GraphListOptionTest {
  @CommandLine.Command(name = "t")
  static final class Holder {
    @Mixin GraphListOption graphs;
  }

  private static GraphListOption parse(String... args) {
    Holder h = new Holder();
    new CommandLine(h).parseArgs(args);
    return h.graphs;
  }

  @Test
  void labelledAndUnlabelled_keepTheirOrder_unlabelledByFileStem() {
    Map<String, Path> m =
        parse("--graph", "main=a/unstable.arrow", "-g", "b/24.11.json.xz", "--input-format", "json")
            .labelled("bundled", UnaryOperator.identity());
    assertEquals(List.of("main", "24"), List.copyOf(m.keySet()));
    assertEquals(Path.of("a/unstable.arrow"), m.get("main"));
    assertEquals(Path.of("b/24.11.json.xz"), m.get("24"));
  }

  @Test
  void none_isTheBundledGraphUnderTheCommandsLabel() {
    GraphListOption g = parse();
    assertEquals(
        Map.of("default", DefaultGraph.path()), g.labelled("default", UnaryOperator.identity()));
    assertEquals(null, g.format.name);
  }

  @Test
  void aLabelTwice_orOneTheCommandRefuses_fails() {
    InputException twice =
        assertThrows(
            InputException.class,
            () -> parse("-g", "x=a.json", "-g", "x.arrow").labelled("d", UnaryOperator.identity()));
    assertEquals("two graphs are labelled 'x': name them with --graph LABEL=FILE", twice.problem());
    assertThrows(
        InputException.class,
        () ->
            parse("-g", "a+b=g.json")
                .labelled(
                    "d",
                    l -> {
                      if (l.contains("+")) {
                        throw InputException.of("bad label " + l);
                      }
                      return l;
                    }));
  }
}
