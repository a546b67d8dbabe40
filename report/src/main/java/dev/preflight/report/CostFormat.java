package dev.preflight.report;

import java.util.List;
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
    return FormatNames.names(CostFormat.class);
  }

  /** The format named {@code name} (any case); an unknown one fails listing the known ones. */
  public static CostFormat byName(String name) {
    return FormatNames.byName(CostFormat.class, name);
  }
}
