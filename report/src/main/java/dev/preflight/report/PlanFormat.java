package dev.preflight.report;

import dev.preflight.report.render.Ansi;
import java.io.IOException;
import java.util.Locale;

/**
 * The report formats of {@code preflight plan}, looked up by name. Each renders a {@link
 * PlanReport}; none computes.
 */
public enum PlanFormat {
  /** Aligned text for people; colour only on a terminal and never with {@code NO_COLOR}. */
  TABLE {
    @Override
    public void write(PlanReport p, OutputTarget out, Ansi ansi, boolean list) {
      out.writeText(PlanText.table(p, ansi, list));
    }
  },
  /** The summary document with {@code schemaVersion}; with {@code --list} the node rows too. */
  JSON {
    @Override
    public void write(PlanReport p, OutputTarget out, Ansi ansi, boolean list) throws IOException {
      out.writeText(Json.pretty(PlanJson.document(p, list)) + "\n");
    }
  },
  /** One long table {@code section,key,field,value} (see {@link PlanCsv}). */
  CSV {
    @Override
    public void write(PlanReport p, OutputTarget out, Ansi ansi, boolean list) {
      out.writeText(PlanCsv.render(p));
    }
  },
  /**
   * A pull-request comment: labels, counts, attribute lists folded, cost and risk ({@link
   * Markdown}).
   */
  MARKDOWN {
    @Override
    public void write(PlanReport p, OutputTarget out, Ansi ansi, boolean list) {
      out.writeText(Markdown.plan(p));
    }
  },
  /** An Arrow IPC file of the node rows, the summary in the schema metadata ({@link PlanArrow}). */
  ARROW {
    @Override
    public void write(PlanReport p, OutputTarget out, Ansi ansi, boolean list) throws IOException {
      out.writeBinary(stream -> PlanArrow.write(p, stream));
    }
  },
  /** A self-contained HTML page with charts and sortable tables ({@link PlanHtml}). */
  HTML {
    @Override
    public void write(PlanReport p, OutputTarget out, Ansi ansi, boolean list) {
      out.writeText(PlanHtml.render(p));
    }
  };

  /**
   * Renders one table of {@code p} ({@link PlanTables}): csv and arrow only.
   *
   * @throws dev.preflight.graph.InputException for the other formats or an unknown table
   */
  public void writeTable(PlanReport p, String table, OutputTarget out) throws IOException {
    switch (this) {
      case CSV -> out.writeText(PlanTables.csv(p, table));
      case ARROW -> out.writeBinary(stream -> PlanTables.arrow(p, table, stream));
      default ->
          throw dev.preflight.graph.InputException.of(
              "--table goes with --format csv or arrow, not " + formatName());
    }
  }

  /** Renders {@code p} to {@code out}. */
  public abstract void write(PlanReport p, OutputTarget out, Ansi ansi, boolean list)
      throws IOException;

  public String formatName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format named {@code name} (any case); unknown names fail listing the known ones. */
  public static PlanFormat byName(String name) {
    return FormatNames.byName(PlanFormat.class, name);
  }
}
