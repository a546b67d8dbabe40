package dev.preflight.report.render;

import dev.preflight.report.Fmt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A single self-contained HTML page (no network: inline CSS, inline SVG charts, a few lines of
 * inline script for sortable tables). Every piece of text passes through {@link #escape}: package
 * names are untrusted input.
 */
public final class Html {
  private final StringBuilder body = new StringBuilder();
  private final String title;
  private int charts;

  public Html(String title) {
    this.title = title;
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  public static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c < 0x20 && c != '\n' && c != '\t' ? '?' : c);
      }
    }
    return sb.toString();
  }

  public Html heading(String text) {
    body.append("<h2>").append(escape(text)).append("</h2>\n");
    return this;
  }

  public Html paragraph(String text) {
    body.append("<p>").append(escape(text)).append("</p>\n");
    return this;
  }

  /** A verdict box; {@code ok} picks its colour. */
  public Html verdict(String text, boolean ok) {
    body.append("<div class=\"verdict ")
        .append(ok ? "ok" : "bad")
        .append("\">")
        .append(escape(text))
        .append("</div>\n");
    return this;
  }

  /** A two-column list of facts. */
  public Html facts(List<String[]> rows) {
    body.append("<table class=\"facts\">\n");
    for (String[] r : rows) {
      body.append("<tr><th>")
          .append(escape(r[0]))
          .append("</th><td>")
          .append(escape(r[1]))
          .append("</td></tr>\n");
    }
    body.append("</table>\n");
    return this;
  }

  /**
   * A table whose columns sort on click; numeric columns sort numerically. A table without rows is
   * not written at all: a report has no empty sections.
   */
  public Html table(String caption, List<String> header, List<List<String>> rows) {
    if (rows.isEmpty()) {
      return this;
    }
    body.append("<table class=\"data sortable\"><caption>")
        .append(escape(caption))
        .append("</caption>\n<thead><tr>");
    for (String h : header) {
      body.append("<th>").append(escape(h)).append("</th>");
    }
    body.append("</tr></thead>\n<tbody>\n");
    for (List<String> r : rows) {
      body.append("<tr>");
      for (String c : r) {
        body.append("<td>").append(escape(c)).append("</td>");
      }
      body.append("</tr>\n");
    }
    body.append("</tbody></table>\n");
    return this;
  }

  /** A horizontal bar chart of every value. */
  public Html barChart(String caption, List<String> labels, List<Double> values) {
    return barChart(caption, labels, values, Integer.MAX_VALUE, "");
  }

  /**
   * A horizontal bar chart of at most {@code cap} bars: past that, the {@code cap} largest values
   * (in their original order), and a line under the chart saying how many more there are, what they
   * add up to, and that the full list is in the CSV and Arrow exports. A page with thousands of
   * bars (a 2,304-build critical path made a 470 KB page) is unreadable and slow.
   *
   * @param unit what a value counts, for the note under a capped chart ({@code "minutes"})
   */
  public Html barChart(
      String caption, List<String> labels, List<Double> values, int cap, String unit) {
    int total = labels.size();
    List<Integer> shown = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      shown.add(i);
    }
    if (total > cap) {
      shown.sort(Comparator.comparingDouble((Integer i) -> -values.get(i)).thenComparing(i -> i));
      shown = new ArrayList<>(shown.subList(0, cap));
      Collections.sort(shown);
    }
    int n = shown.size();
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    if (max <= 0) {
      max = 1;
    }
    int rowH = 22;
    int labelW = 220;
    int plotW = 480;
    int h = Math.max(1, n) * rowH + 10;
    openChart(caption, labelW + plotW + 90, h, "bars", total);
    for (int row = 0; row < n; row++) {
      int i = shown.get(row);
      double v = values.get(i);
      int y = 5 + row * rowH;
      int w = (int) Math.round(plotW * v / max);
      body.append(
          Fmt.format(
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                  + "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"><title>%s: %s</title></rect>"
                  + "<text x=\"%d\" y=\"%d\">%s</text>\n",
              labelW - 6,
              y + 15,
              escape(labels.get(i)),
              labelW,
              y + 3,
              Math.max(1, w),
              rowH - 6,
              escape(labels.get(i)),
              number(v),
              labelW + Math.max(1, w) + 4,
              y + 15,
              number(v)));
    }
    closeChart();
    if (total > n) {
      double rest = 0;
      for (int i = 0; i < total; i++) {
        rest += values.get(i);
      }
      for (int i : shown) {
        rest -= values.get(i);
      }
      body.append("<p class=\"more\">")
          .append(
              escape(
                  Fmt.format(
                      "and %,d more (%s %s together) not drawn: the chart shows the %,d largest"
                          + " of %,d; the CSV and Arrow exports hold every row",
                      total - n, number(rest), unit, n, total)))
          .append("</p>\n");
    }
    return this;
  }

  /** A line chart of one or more series over a linear x axis with nice ticks. */
  public Html lineChart(
      String caption, String xLabel, String yLabel, double[] xs, List<Series> series) {
    Axis x = xs.length == 0 ? Axis.linear(0, 1, 5) : Axis.linear(xs[0], xs[xs.length - 1], 5);
    return lineChart(new LineChart(caption, xLabel, yLabel, xs, x, series, List.of(), List.of()));
  }

  /**
   * A line chart: series over a shared x axis, optional shaded bands (a p50 to p90 range) and
   * horizontal rules (a deadline). The y axis starts at 0 and reaches the highest series, band or
   * rule value, widened to a nice tick; every element carries a class and its value in a {@code
   * data-value} attribute so a browser test can read the chart back from the DOM.
   */
  public Html lineChart(LineChart c) {
    int w = 820;
    int h = 300;
    int left = 70;
    int bottom = 40;
    int top = 20;
    int right = 230;
    double yMax = 0;
    for (Series s : c.series()) {
      for (double y : s.values()) {
        yMax = Math.max(yMax, y);
      }
    }
    for (Band b : c.bands()) {
      for (double y : b.upper()) {
        yMax = Math.max(yMax, y);
      }
    }
    for (Rule r : c.rules()) {
      yMax = Math.max(yMax, r.value());
    }
    Axis ya = Axis.linear(0, yMax > 0 ? yMax : 1, 5);
    Axis xa = c.x();
    openChart(c.caption(), w, h, "lines " + xa.scale().name().toLowerCase(Locale.ROOT), -1);
    int pw = w - left - right;
    int ph = h - top - bottom;
    body.append(
        Fmt.format(
            "<line class=\"axis x\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                + "<line class=\"axis y\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
            left, top + ph, left + pw, top + ph, left, top, left, top + ph));
    for (Axis.Tick t : ya.ticks()) {
      double y = top + ph - ph * ya.fraction(t.value());
      body.append(
          Fmt.format(
              "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                  + "<text class=\"tick y\" data-value=\"%s\" x=\"%d\" y=\"%.1f\""
                  + " text-anchor=\"end\">%s</text>\n",
              left, y, left + pw, y, plain(t.value()), left - 5, y + 4, escape(t.label())));
    }
    for (Axis.Tick t : xa.ticks()) {
      double x = left + pw * xa.fraction(t.value());
      body.append(
          Fmt.format(
              "<line class=\"tickmark\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                  + "<text class=\"tick x\" data-value=\"%s\" x=\"%.1f\" y=\"%d\""
                  + " text-anchor=\"middle\">%s</text>\n",
              x, top + ph, x, top + ph + 4, plain(t.value()), x, top + ph + 16, escape(t.label())));
    }
    body.append(
        Fmt.format(
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>"
                + "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>\n",
            left + pw / 2,
            h - 6,
            escape(c.xLabel() + (xa.scale() == Axis.Scale.LOG2 ? " (log2 scale)" : "")),
            top + ph / 2,
            top + ph / 2,
            escape(c.yLabel())));
    int legend = 0;
    for (Band b : c.bands()) {
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < c.xs().length; i++) {
        pts.append(point(c.xs()[i], b.upper()[i], xa, ya, left, top, pw, ph));
      }
      for (int i = c.xs().length - 1; i >= 0; i--) {
        pts.append(point(c.xs()[i], b.lower()[i], xa, ya, left, top, pw, ph));
      }
      body.append("<polygon class=\"band\" points=\"")
          .append(pts.toString().trim())
          .append("\"><title>")
          .append(escape(b.name()))
          .append("</title></polygon>\n");
      legend(left + pw + 10, top + 14 * legend++, "band", "#9ecae1", b.name());
    }
    int k = 0;
    for (Series s : c.series()) {
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < c.xs().length; i++) {
        pts.append(point(c.xs()[i], s.values()[i], xa, ya, left, top, pw, ph));
      }
      String colour = COLOURS[k++ % COLOURS.length];
      body.append("<polyline class=\"series\" fill=\"none\" stroke=\"")
          .append(colour)
          .append("\" points=\"")
          .append(pts.toString().trim())
          .append("\"><title>")
          .append(escape(s.name()))
          .append("</title></polyline>\n");
      legend(left + pw + 10, top + 14 * legend++, "key", colour, s.name());
    }
    for (Rule r : c.rules()) {
      double y = top + ph - ph * ya.fraction(r.value());
      body.append(
          Fmt.format(
              "<line class=\"rule %s\" data-value=\"%s\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\""
                  + " y2=\"%.1f\"><title>%s</title></line>"
                  + "<text class=\"rule-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
              escape(r.kind()),
              plain(r.value()),
              left,
              y,
              left + pw,
              y,
              escape(r.label()),
              left + pw - 4,
              y - 4,
              escape(r.label())));
    }
    closeChart();
    return this;
  }

  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"};

  private void legend(int x, int y, String kind, String colour, String name) {
    body.append(
        Fmt.format(
            "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\">%s</text>\n",
            kind, x, y, colour, x + 14, y + 9, escape(name)));
  }

  private static String point(
      double x, double y, Axis xa, Axis ya, int left, int top, int pw, int ph) {
    return Fmt.format("%.1f,%.1f ", left + pw * xa.fraction(x), top + ph - ph * ya.fraction(y));
  }

  /** A value for a {@code data-value} attribute: plain decimal, no grouping. */
  static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : Fmt.format("%.6f", v).replaceAll("0+$", "");
  }

  /** One named line of a {@link #lineChart}. */
  public record Series(String name, double[] values) {}

  /** A shaded range between two lines, one value per x (a p50 to p90 band). */
  public record Band(String name, double[] lower, double[] upper) {}

  /**
   * A horizontal line across the plot at {@code value}: a deadline.
   *
   * @param kind its CSS class ({@code deadline})
   * @param value where it sits on the y axis
   * @param label the text beside it
   */
  public record Rule(String kind, double value, String label) {}

  /**
   * What a {@link #lineChart(LineChart)} draws.
   *
   * @param xs x values, ascending
   * @param x the x axis ({@link Axis#forSizes} for cluster sizes)
   * @param series lines, each as long as {@code xs}
   * @param bands shaded ranges, each as long as {@code xs}
   * @param rules horizontal lines
   */
  public record LineChart(
      String caption,
      String xLabel,
      String yLabel,
      double[] xs,
      Axis x,
      List<Series> series,
      List<Band> bands,
      List<Rule> rules) {
    public LineChart {
      series = List.copyOf(series);
      bands = List.copyOf(bands);
      rules = List.copyOf(rules);
      for (Series s : series) {
        if (s.values().length != xs.length) {
          throw new IllegalArgumentException("series " + s.name() + " has the wrong length");
        }
      }
      for (Band b : bands) {
        if (b.lower().length != xs.length || b.upper().length != xs.length) {
          throw new IllegalArgumentException("band " + b.name() + " has the wrong length");
        }
      }
    }
  }

  private void openChart(String caption, int w, int h, String kind, int items) {
    charts++;
    body.append("<figure class=\"chart ")
        .append(kind)
        .append(items >= 0 ? "\" data-items=\"" + items : "")
        .append("\"><figcaption>")
        .append(escape(caption))
        .append("</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"")
        .append(w)
        .append("\" height=\"")
        .append(h)
        .append("\" viewBox=\"0 0 ")
        .append(w)
        .append(' ')
        .append(h)
        .append("\">\n");
  }

  private void closeChart() {
    body.append("</svg></figure>\n");
  }

  /** Number of charts added. */
  public int chartCount() {
    return charts;
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Fmt.format("%,d", (long) v);
    }
    return Fmt.format(Math.abs(v) >= 100 ? "%,.0f" : "%.3g", v);
  }

  /** The whole page. */
  public String render() {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>"
        + escape(title)
        + "</title>\n<style>\n"
        + "body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}\n"
        + "h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}\n"
        + "table{border-collapse:collapse;margin:.5em 0}td,th{padding:.2em .6em;text-align:left}\n"
        + "table.data td,table.data th{border-bottom:1px solid #eee}"
        + "table.sortable th{cursor:pointer;background:#f4f4f4}\n"
        + "table.facts th{font-weight:600;color:#555}\n"
        + "figure.chart{margin:1em 0}figcaption{font-weight:600;margin-bottom:.3em}\n"
        + "svg text{font-size:12px;fill:#333}rect.bar{fill:#4e79a7}line.axis{stroke:#888}"
        + "polyline.series{stroke-width:2}line.grid{stroke:#eee}line.tickmark{stroke:#888}"
        + "polygon.band{fill:#9ecae1;fill-opacity:.45;stroke:none}"
        + "line.rule{stroke:#b22;stroke-width:1.5;stroke-dasharray:6 4}text.rule-label{fill:#b22}"
        + "p.more{color:#555;font-size:.9em}\n"
        + ".verdict{padding:.8em 1em;border-radius:6px;font-weight:600;margin:1em 0}"
        + ".verdict.ok{background:#e6f4ea;color:#1e6b34}.verdict.bad{background:#fde8e8;color:#9b1c1c}\n"
        + "</style></head><body>\n<h1>"
        + escape(title)
        + "</h1>\n"
        + body
        + "<script>\n"
        + "document.querySelectorAll('table.sortable').forEach(function(t){\n"
        + " t.querySelectorAll('th').forEach(function(th,i){th.addEventListener('click',function(){\n"
        + "  var tb=t.tBodies[0],rows=Array.from(tb.rows),asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';\n"
        + "  rows.sort(function(a,b){var x=a.cells[i].textContent,y=b.cells[i].textContent;\n"
        + "   var nx=parseFloat(x.replace(/,/g,'')),ny=parseFloat(y.replace(/,/g,''));\n"
        + "   var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);return asc?c:-c;});\n"
        + "  rows.forEach(function(r){tb.appendChild(r);});});});});\n"
        + "</script>\n</body></html>\n";
  }
}
