package dev.preflight.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
}
