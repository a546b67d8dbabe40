package dev.preflight.report;

import dev.preflight.graph.InputException;
import dev.preflight.report.render.ArrowTable;
import dev.preflight.report.render.Table;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  /** One rectangular table, {@code --table NAME} ({@link CostTables}; default {@code curve}). */
  CSV(v -> CostRenderer.csv(v.report())),
  /** One table as an Arrow IPC file (needs {@code -o}); the same tables as csv. */
  ARROW(null);

  private final Function<CostView, String> renderer;

  CostFormat(Function<CostView, String> renderer) {
    this.renderer = renderer;
  }

  /** The text of {@code view} in this format; not for {@link #ARROW}, which is binary. */
  public String render(CostView view) {
    if (renderer == null) {
      throw new IllegalStateException(this + " is binary: use write");
    }
    return renderer.apply(view);
  }

  /**
   * Writes {@code view} to {@code out}: csv and arrow the table named {@code table} (null: {@link
   * CostTables#DEFAULT}), the others their document.
   *
   * @throws InputException when a table is named for table or json output, or is unknown
   */
  public void write(CostView view, String table, OutputTarget out) throws IOException {
    if (table != null && this != CSV && this != ARROW) {
      throw InputException.of("--table goes with --format csv or arrow, not " + formatName());
    }
    String policy = view.policy() == null ? "all" : view.policy().label();
    Table t =
        this == CSV || this == ARROW
            ? Table.select(
                CostTables.of(view.report(), policy), table == null ? CostTables.DEFAULT : table)
            : null;
    if (this == ARROW) {
      out.writeBinary(
          s ->
              ArrowTable.write(
                  t,
                  Map.of(
                      "schemaVersion",
                      String.valueOf(CostRenderer.SCHEMA_VERSION),
                      "policy",
                      policy),
                  s));
    } else if (this == CSV) {
      out.writeText(t.csv());
    } else {
      out.writeText(render(view));
    }
  }

  public String formatName() {
    return name().toLowerCase(Locale.ROOT);
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
