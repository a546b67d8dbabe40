package dev.preflight.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class HtmlTest {

  @Test
  void escape_neutralisesMarkup() {
    assertEquals(
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;",
        Html.escape("<script>alert(\"x\")</script> & '"));
  }

  @Test
  void page_withHostileNames_hasChartsAndNoRawMarkup() {
    String evil = "<img src=x onerror=alert(1)>";
    Html h = new Html("Report for " + evil);
    h.barChart("per system", List.of(evil, "x86_64-linux"), List.of(3.0, 5.0));
    h.lineChart(
        "utilization",
        "hours",
        "busy",
        new double[] {0, 1, 2},
        List.of(new Html.Series(evil, new double[] {0, 0.5, 1})));
    h.table("top", List.of("name", "n"), List.of(List.of(evil, "1")));
    String page = h.render();
    assertEquals(2, h.chartCount());
    assertFalse(page.contains(evil), "raw name leaked into the page");
    assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assertEquals(2, page.split("<svg ", -1).length - 1);
    assertTrue(page.contains("<polyline"));
    assertFalse(page.contains("http://") && page.contains("<script src"), "no external resources");
  }

  private static Html.LineChart makespan(List<Html.Band> bands, List<Html.Rule> rules) {
    double[] sizes = {1, 2, 4, 8, 16, 32, 64};
    return new Html.LineChart(
        "Makespan over cluster size",
        "cluster size",
        "hours",
        sizes,
        Axis.forSizes(sizes),
        List.of(new Html.Series("makespan", new double[] {30, 16, 9, 5.5, 4, 3.7, 3.62})),
        bands,
        rules);
  }

  private static List<String> all(String page, String regex) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(page);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void lineChart_sizeAxisIsLog2_tickLabelsAreTheSizes_equallySpaced() {
    String page = new Html("t").lineChart(makespan(List.of(), List.of())).render();
    assertEquals(
        List.of("1", "2", "4", "8", "16", "32", "64"),
        all(
            page,
            "<text class=\"tick x\" data-value=\"[^\"]*\" x=\"[^\"]*\" y=\"\\d+\""
                + " text-anchor=\"middle\">([^<]*)</text>"));
    List<Double> xs =
        all(page, "<text class=\"tick x\" data-value=\"[^\"]*\" x=\"([^\"]*)\"").stream()
            .map(Double::parseDouble)
            .toList();
    for (int i = 2; i < xs.size(); i++) {
      assertEquals(xs.get(1) - xs.get(0), xs.get(i) - xs.get(i - 1), 0.11, "spacing at " + i);
    }
    assertTrue(page.contains("cluster size (log2 scale)"));
    assertTrue(page.contains("class=\"chart lines log2\""));
  }

  @Test
  void lineChart_valueTicksAreRound() {
    String page = new Html("t").lineChart(makespan(List.of(), List.of())).render();
    assertEquals(
        List.of("0", "5", "10", "15", "20", "25", "30"),
        all(page, "<text class=\"tick y\"[^>]*>([^<]*)</text>"));
  }

  @Test
  void lineChart_deadlineRule_isDrawnAtItsValue_andWidensTheAxis() {
    String page =
        new Html("t")
            .lineChart(makespan(List.of(), List.of(new Html.Rule("deadline", 48, "deadline 48h"))))
            .render();
    Matcher line =
        Pattern.compile(
                "<line class=\"rule deadline\" data-value=\"48\" x1=\"\\d+\"" + " y1=\"([^\"]*)\"")
            .matcher(page);
    assertTrue(line.find(), page);
    double y = Double.parseDouble(line.group(1));
    // y axis 0..50 over 240 px starting at 20: 48 h sits at 20 + 240 * (1 - 48 / 50).
    assertEquals(20 + 240 * (1 - 48 / 50.0), y, 0.06);
    assertTrue(page.contains(">deadline 48h</text>"));
    assertEquals("50", all(page, "<text class=\"tick y\"[^>]*>([^<]*)</text>").get(5));
  }

  @Test
  void lineChart_band_isAPolygonBetweenItsBounds() {
    String page =
        new Html("t")
            .lineChart(
                makespan(
                    List.of(
                        new Html.Band(
                            "p50 to p90",
                            new double[] {29, 15, 8, 5, 3.9, 3.6, 3.6},
                            new double[] {35, 19, 11, 6.5, 4.5, 4, 3.9})),
                    List.of()))
            .render();
    List<String> polygons = all(page, "<polygon class=\"band\" points=\"([^\"]*)\"");
    assertEquals(1, polygons.size());
    assertEquals(14, polygons.get(0).split(" ").length, "7 upper and 7 lower points");
    assertTrue(page.contains("<title>p50 to p90</title>"));
  }

  @Test
  void barChart_overTheCap_drawsTheLargest_andSaysHowManyMore() {
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 2_304; i++) {
      labels.add("b" + i);
      values.add((double) (i % 97));
    }
    Html h = new Html("t").barChart("path", labels, values, 40, "minutes");
    String page = h.render();
    assertEquals(40, all(page, "(<rect class=\"bar\")").size());
    assertTrue(page.contains("data-items=\"2304\""));
    assertTrue(page.contains("<p class=\"more\">and 2,264 more ("), page);
    for (String v : all(page, "<title>b\\d+: ([^<]*)</title>")) {
      assertTrue(Double.parseDouble(v) >= 95, "only the largest values are drawn: " + v);
    }
    assertTrue(page.length() < 30_000, "page of " + page.length() + " chars");
  }

  @Test
  void barChart_underTheCap_drawsEveryBar_andNoNote() {
    String page =
        new Html("t").barChart("path", List.of("a", "b"), List.of(1.0, 2.0), 40, "m").render();
    assertEquals(2, all(page, "(<rect class=\"bar\")").size());
    assertFalse(page.contains("class=\"more\""));
  }

  @Test
  void table_withoutRows_isOmitted() {
    String page =
        new Html("t")
            .table("Channel milestones", List.of("channel", "ready after"), List.of())
            .render();
    assertFalse(page.contains("Channel milestones"));
    assertFalse(page.contains("<table"));
  }
}
