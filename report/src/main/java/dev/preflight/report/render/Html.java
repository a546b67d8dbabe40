package dev.preflight.report.render;

import dev.preflight.report.Fmt;
import java.util.List;

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

  /** A table whose columns sort on click; numeric columns sort numerically. */
  public Html table(String caption, List<String> header, List<List<String>> rows) {
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

  /** A horizontal bar chart. */
  public Html barChart(String caption, List<String> labels, List<Double> values) {
    int n = labels.size();
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    if (max <= 0) {
      max = 1;
    }
    int rowH = 22;
    int labelW = 220;
    int plotW = 480;
    int h = Math.max(1, n) * rowH + 10;
    openChart(caption, labelW + plotW + 90, h);
    for (int i = 0; i < n; i++) {
      double v = values.get(i);
      int y = 5 + i * rowH;
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
    return this;
  }

  /**
   * A line chart of one or more series over a shared x axis.
   *
   * @param xs x values, ascending
   * @param series named y series, each as long as {@code xs}
   */
  public Html lineChart(
      String caption, String xLabel, String yLabel, double[] xs, List<Series> series) {
    int w = 760;
    int h = 300;
    int left = 70;
    int bottom = 40;
    int top = 20;
    int right = 150;
    double xMin = xs.length == 0 ? 0 : xs[0];
    double xMax = xs.length == 0 ? 1 : xs[xs.length - 1];
    if (xMax <= xMin) {
      xMax = xMin + 1;
    }
    double yMax = 0;
    for (Series s : series) {
      for (double y : s.values()) {
        yMax = Math.max(yMax, y);
      }
    }
    if (yMax <= 0) {
      yMax = 1;
    }
    openChart(caption, w, h);
    int pw = w - left - right;
    int ph = h - top - bottom;
    body.append(
        Fmt.format(
            "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                + "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
            left, top + ph, left + pw, top + ph, left, top, left, top + ph));
    for (int t = 0; t <= 4; t++) {
      double yv = yMax * t / 4;
      int y = top + ph - (int) Math.round(ph * t / 4.0);
      double xv = xMin + (xMax - xMin) * t / 4;
      int x = left + (int) Math.round(pw * t / 4.0);
      body.append(
          Fmt.format(
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                  + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
              left - 5, y + 4, number(yv), x, top + ph + 16, number(xv)));
    }
    body.append(
        Fmt.format(
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>"
                + "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>\n",
            left + pw / 2, h - 6, escape(xLabel), top + ph / 2, top + ph / 2, escape(yLabel)));
    String[] colours = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"};
    int k = 0;
    for (Series s : series) {
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < xs.length; i++) {
        double x = left + pw * (xs[i] - xMin) / (xMax - xMin);
        double y = top + ph - ph * s.values()[i] / yMax;
        pts.append(Fmt.format("%.1f,%.1f ", x, y));
      }
      String colour = colours[k % colours.length];
      body.append("<polyline class=\"series\" fill=\"none\" stroke=\"")
          .append(colour)
          .append("\" points=\"")
          .append(pts.toString().trim())
          .append("\"><title>")
          .append(escape(s.name()))
          .append("</title></polyline>\n");
      body.append(
          Fmt.format(
              "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                  + "<text x=\"%d\" y=\"%d\">%s</text>\n",
              left + pw + 10,
              top + 14 * k,
              colour,
              left + pw + 24,
              top + 14 * k + 9,
              escape(s.name())));
      k++;
    }
    closeChart();
    return this;
  }

  /** One named line of a {@link #lineChart}. */
  public record Series(String name, double[] values) {}

  private void openChart(String caption, int w, int h) {
    charts++;
    body.append("<figure class=\"chart\"><figcaption>")
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
        + "polyline.series{stroke-width:2}\n"
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
