package dev.preflight.cli.report;

import dev.preflight.graph.Names;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The formats of {@code preflight cost}, each a renderer of a {@link CostView}. */
public enum CostFormat {
  TABLE(v -> CostRenderer.table(v.report(), v.policy(), v.changes(), v.pins(), v.failures())),
  JSON(
      v ->
          Json.pretty(
                  CostRenderer.toJson(
                      v.report(), v.policy(), v.changes(), v.pins(), v.failures(), v.curve()))
              + "\n"),
  CSV(v -> CostRenderer.csv(v.report()));

  private final Function<CostView, String> renderer;

  CostFormat(Function<CostView, String> renderer) {
    this.renderer = renderer;
  }

  /** The text of {@code view} in this format. */
  public String render(CostView view) {
    return renderer.apply(view);
  }

  /** The lower-case names, for help and completion. */
  public static List<String> names() {
    return Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
  }

  /**
   * The format named {@code name} (any case).
   *
   * @throws dev.preflight.graph.InputException naming the word and the known formats
   */
  public static CostFormat byName(String name) {
    for (CostFormat f : values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw Names.unknown("--format", name, names());
  }
}
