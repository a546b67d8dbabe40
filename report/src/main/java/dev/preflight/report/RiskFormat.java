package dev.preflight.report;

import java.util.List;
import java.util.function.Function;

/** The formats of {@code preflight risk}, each a renderer of a {@link RiskView}. */
public enum RiskFormat {
  TABLE(RiskRenderer::table),
  JSON(v -> Json.pretty(RiskRenderer.toJson(v)) + "\n"),
  CSV(RiskRenderer::csv);

  private final Function<RiskView, String> renderer;

  RiskFormat(Function<RiskView, String> renderer) {
    this.renderer = renderer;
  }

  /** The text of {@code view} in this format. */
  public String render(RiskView view) {
    return renderer.apply(view);
  }

  /** The lower-case names, for help and completion. */
  public static List<String> names() {
    return FormatNames.names(RiskFormat.class);
  }

  /** The format named {@code name} (any case); an unknown one fails listing the known ones. */
  public static RiskFormat byName(String name) {
    return FormatNames.byName(RiskFormat.class, name);
  }
}
