package dev.preflight.cli.report;

import dev.preflight.graph.Names;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
    return Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
  }

  /**
   * The format named {@code name} (any case).
   *
   * @throws dev.preflight.graph.InputException naming the word and the known formats
   */
  public static RiskFormat byName(String name) {
    for (RiskFormat f : values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw Names.unknown("--format", name, names());
  }
}
