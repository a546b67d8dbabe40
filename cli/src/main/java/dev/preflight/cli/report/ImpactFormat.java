package dev.preflight.cli.report;

import dev.preflight.graph.Names;
import dev.preflight.graph.PackageGraph;
import dev.preflight.impact.ImpactReport;
import dev.preflight.settings.ImpactSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The formats of {@code preflight impact}: each renders a change's {@link ImpactReport}; the
 * profile's rows go through {@link ImpactRenderer#renderProfile} (table, json, csv) or {@link
 * ProfileArrow} (arrow).
 */
public enum ImpactFormat {
  TABLE {
    @Override
    public String render(ImpactReport r, PackageGraph g, boolean list, ImpactSettings s) {
      return ImpactRenderer.table(r, list);
    }
  },
  JSON {
    @Override
    public String render(ImpactReport r, PackageGraph g, boolean list, ImpactSettings s) {
      return Json.pretty(ImpactRenderer.toJson(r, list, s)) + "\n";
    }
  },
  CSV {
    @Override
    public String render(ImpactReport r, PackageGraph g, boolean list, ImpactSettings s) {
      return ImpactRenderer.csv(r, g);
    }
  },
  /** A pull-request comment ({@link Markdown}); not for the profile. */
  MARKDOWN {
    @Override
    public String render(ImpactReport r, PackageGraph g, boolean list, ImpactSettings s) {
      return Markdown.impact(r, "## Preflight: rebuild impact");
    }
  },
  /** The profile's rows as an Arrow IPC file; not for a change. */
  ARROW {
    @Override
    public String render(ImpactReport r, PackageGraph g, boolean list, ImpactSettings s) {
      throw new IllegalStateException("arrow is for --profile rows, refused before rendering");
    }
  };

  /** The text of a change's report in this format. */
  public abstract String render(
      ImpactReport r, PackageGraph g, boolean list, ImpactSettings settings);

  /** The lower-case names, for help and completion. */
  public static List<String> names() {
    return Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
  }

  /**
   * The format named {@code name} (any case).
   *
   * @throws dev.preflight.graph.InputException naming the word and the known formats
   */
  public static ImpactFormat byName(String name) {
    for (ImpactFormat f : values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw Names.unknown("--format", name, names());
  }
}
