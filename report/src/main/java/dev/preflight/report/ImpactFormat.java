package dev.preflight.report;

import dev.preflight.graph.PackageGraph;
import dev.preflight.impact.ImpactReport;
import dev.preflight.settings.ImpactSettings;
import java.util.List;

/**
 * The formats of {@code preflight impact}: each renders a change's {@link ImpactReport}; the
 * profile's rows go through {@link ImpactRenderer#renderProfile} (table, json, csv) or {@link
 * ProfileArrow} (arrow).
 */
public enum ImpactFormat {
  TABLE((r, g, list, s) -> ImpactRenderer.table(r, list)),
  JSON((r, g, list, s) -> Json.pretty(ImpactRenderer.toJson(r, list, s)) + "\n"),
  CSV((r, g, list, s) -> ImpactRenderer.csv(r, g)),
  /** A pull-request comment ({@link Markdown}); not for the profile. */
  MARKDOWN((r, g, list, s) -> Markdown.impact(r, "## Preflight: rebuild impact")),
  /** The profile's rows as an Arrow IPC file; not for a change. */
  ARROW(
      (r, g, list, s) -> {
        throw new IllegalStateException("arrow is for --profile rows, refused before rendering");
      });

  /** Renders a change's report. */
  @FunctionalInterface
  private interface Renderer {
    String render(ImpactReport r, PackageGraph g, boolean list, ImpactSettings settings);
  }

  private final Renderer renderer;

  ImpactFormat(Renderer renderer) {
    this.renderer = renderer;
  }

  /** The text of a change's report in this format. */
  public String render(ImpactReport r, PackageGraph g, boolean list, ImpactSettings settings) {
    return renderer.render(r, g, list, settings);
  }

  /** The lower-case names, for help and completion. */
  public static List<String> names() {
    return FormatNames.names(ImpactFormat.class);
  }

  /** The format named {@code name} (any case); an unknown one fails listing the known ones. */
  public static ImpactFormat byName(String name) {
    return FormatNames.byName(ImpactFormat.class, name);
  }
}
