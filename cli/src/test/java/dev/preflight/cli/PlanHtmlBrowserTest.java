package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.testing.RealData;
import dev.preflight.report.PlanHtml;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The plan's HTML page as a browser lays it out: {@code preflight plan --html} written to a file,
 * opened from a {@code file://} URL in headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}, driven through Selenium's W3C WebDriver client), and checked from the live DOM:
 * the cluster-size axis is log2 (tick labels 1, 2, 4, ... drawn at equal distances), the deadline
 * line sits at the deadline's value on the y axis, the critical-path chart draws at most {@link
 * PlanHtml#MAX_BARS} bars and counts the rest, no section is empty, and the console has no errors.
 *
 * <p>The browser runs with the network closed in mind: no first-run, sync, component update,
 * background networking or QUIC, and a fresh profile. Without Chromium the test fails under {@code
 * -Dpreflight.requireRealData=true} (CI, which installs it with {@code scripts/install-browser.sh})
 * and is otherwise skipped with a line on stderr ({@link RealData#missing}).
 */
final class PlanHtmlBrowserTest {
  private static final Path REPO = Path.of(System.getProperty("preflight.repo", "."));

  /** Debian's paths; {@code -Dpreflight.chromium} and {@code -Dpreflight.chromedriver} override. */
  private static final Path CHROMIUM =
      Path.of(System.getProperty("preflight.chromium", "/usr/bin/chromium"));

  private static final Path DRIVER =
      Path.of(System.getProperty("preflight.chromedriver", "/usr/bin/chromedriver"));

  @TempDir static Path dir;

  private static ChromeDriver driver;

  /**
   * Selenium looks for a DevTools binding matching the browser's major version and warns when it
   * has none; this test uses WebDriver only. Held here so the logger keeps its level.
   */
  private static final java.util.logging.Logger CDP =
      java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  @BeforeAll
  static void browser() throws IOException {
    CDP.setLevel(Level.OFF);
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      RealData.missing(
          "PlanHtmlBrowserTest",
          CHROMIUM + " or " + DRIVER + " not found: run scripts/install-browser.sh");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1200,1600",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .withLogOutput(java.io.OutputStream.nullOutputStream())
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  @AfterAll
  static void close() {
    if (driver != null) {
      driver.quit();
    }
  }

  /** {@code plan ARGS --html FILE}; the page's file. */
  private static Path plan(String name, String... args) throws IOException {
    Path html = dir.resolve(name + ".html");
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--html", html.toString(), "-o", dir.resolve(name + ".txt").toString()));
    Cli r = Cli.run(all.toArray(String[]::new));
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(Files.size(html) > 0);
    return html;
  }

  private static void open(Path html) {
    driver.manage().logs().get(LogType.BROWSER); // drains what an earlier page logged
    driver.get(html.toUri().toString());
    assertEquals("complete", js("return document.readyState"));
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> chart(String captionStart) {
    Object o =
        js(
            """
            var figs = Array.from(document.querySelectorAll('figure.chart'));
            var f = figs.find(function (x) {
              return x.querySelector('figcaption').textContent.indexOf('%s') === 0; });
            if (!f) return null;
            function mid(e) { var b = e.getBoundingClientRect(); return [b.left + b.width / 2,
              b.top + b.height / 2]; }
            var xs = Array.from(f.querySelectorAll('text.tick.x'));
            var grid = Array.from(f.querySelectorAll('line.grid'));
            var ys = Array.from(f.querySelectorAll('text.tick.y'));
            var rule = f.querySelector('line.rule.deadline');
            return {
              cls: f.className.baseVal === undefined ? f.className : f.className.baseVal,
              xLabels: xs.map(function (t) { return t.textContent; }),
              xPos: xs.map(function (t) { return mid(t)[0]; }),
              yValues: ys.map(function (t) { return parseFloat(t.dataset.value); }),
              gridY: grid.map(function (l) { return l.getBoundingClientRect().top; }),
              ruleY: rule ? rule.getBoundingClientRect().top : null,
              ruleValue: rule ? parseFloat(rule.dataset.value) : null,
              bars: f.querySelectorAll('rect.bar').length,
              items: f.dataset.items ? parseInt(f.dataset.items) : null,
              bands: f.querySelectorAll('polygon.band').length,
              more: f.nextElementSibling && f.nextElementSibling.className === 'more'
                ? f.nextElementSibling.textContent : null
            };
            """
                .formatted(captionStart));
    assertTrue(o != null, "no chart whose caption starts with '" + captionStart + "'");
    return (Map<String, Object>) o;
  }

  private static List<Double> doubles(Object list) {
    List<Double> out = new ArrayList<>();
    for (Object o : (List<?>) list) {
      out.add(((Number) o).doubleValue());
    }
    return out;
  }

  private static void noConsoleErrors() {
    List<String> errors = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
        errors.add(e.getLevel() + " " + e.getMessage());
      }
    }
    assertEquals(List.of(), errors, "console errors and warnings");
  }

  /** The size axis of {@code chart}: labels 1, 2, 4, ... and equal distances between them. */
  private static void assertLog2SizeAxis(Map<String, Object> c, List<String> sizes) {
    assertTrue(((String) c.get("cls")).contains("log2"), "log2 chart: " + c.get("cls"));
    assertEquals(sizes, c.get("xLabels"));
    List<Double> x = doubles(c.get("xPos"));
    double step = x.get(1) - x.get(0);
    assertTrue(step > 20, "ticks apart on screen: " + x);
    for (int i = 2; i < x.size(); i++) {
      assertEquals(step, x.get(i) - x.get(i - 1), 1.0, "equal spacing of doubling sizes: " + x);
    }
  }

  /** The deadline line's screen height read back through the y axis's grid lines. */
  private static double deadlineOnAxis(Map<String, Object> c) {
    List<Double> values = doubles(c.get("yValues"));
    List<Double> grid = doubles(c.get("gridY"));
    assertEquals(values.size(), grid.size());
    double v0 = values.get(0);
    double v1 = values.get(values.size() - 1);
    double y0 = grid.get(0);
    double y1 = grid.get(grid.size() - 1);
    double ruleY = ((Number) c.get("ruleY")).doubleValue();
    return v0 + (ruleY - y0) * (v1 - v0) / (y1 - y0);
  }

  private static void assertRoundTicks(List<Double> values) {
    for (double v : values) {
      String s = Double.toString(v);
      assertTrue(s.length() <= 6, "round tick value " + v);
    }
  }

  @Test
  void zlibOnTheBundledGraph_log2Axis_deadlineLine_bands_noEmptySection_noErrors()
      throws IOException {
    Path html =
        plan(
            "zlib",
            "plan",
            "--graph",
            REPO.resolve("fixtures/debian-bookworm-amd64.arrow").toString(),
            "--change",
            "zlib",
            "--deadline",
            "6h",
            "--samples",
            "20");
    open(html);
    Map<String, Object> makespan = chart("Makespan over cluster size");
    assertLog2SizeAxis(makespan, List.of("1", "2", "4", "8", "16", "32", "64"));
    assertEquals(6.0, ((Number) makespan.get("ruleValue")).doubleValue());
    assertEquals(6.0, deadlineOnAxis(makespan), 0.05, "deadline line at 6 h on the y axis");
    assertRoundTicks(doubles(makespan.get("yValues")));
    assertEquals(1L, makespan.get("bands"), "p50 to p90 band with --samples 20");
    assertLog2SizeAxis(
        chart("Cost over cluster size"), List.of("1", "2", "4", "8", "16", "32", "64"));
    assertRoundTicks(doubles(chart("Utilization over time").get("yValues")));
    // Debian has no channels: no milestones section, and no table or chart is empty.
    String text = (String) js("return document.body.innerText");
    assertFalse(text.contains("Channel milestones"), "no empty channel section on Debian");
    assertEquals(
        0L,
        js(
            "return Array.from(document.querySelectorAll('table.data')).filter(function (t) {"
                + " return t.tBodies[0].rows.length === 0; }).length"));
    assertEquals(
        0L,
        js(
            "return Array.from(document.querySelectorAll('figure.chart')).filter(function (f) {"
                + " return f.querySelectorAll('rect.bar, polyline.series').length === 0; })"
                + ".length"));
    assertFalse(text.contains("NEWLY_AT_RISK") || text.contains("ALREADY_BROKEN"));
    noConsoleErrors();
  }

  @Test
  void longCriticalPath_barsCapped_andTheRestCounted() throws IOException {
    // A chain of 120 builds: its critical path is all of them.
    Path g = Files.createDirectories(dir.resolve("chain"));
    StringBuilder nodes = new StringBuilder("id\tsystem\tbuildSeconds\n");
    StringBuilder edges = new StringBuilder("dependent\tinput\n");
    for (int i = 0; i < 120; i++) {
      nodes
          .append("p")
          .append(i)
          .append("\tx86_64-linux\t")
          .append(600 + 7 * (i % 13))
          .append('\n');
      if (i > 0) {
        edges.append("p").append(i).append("\tp").append(i - 1).append('\n');
      }
    }
    Files.writeString(g.resolve("nodes.tsv"), nodes, StandardCharsets.UTF_8);
    Files.writeString(g.resolve("edges.tsv"), edges, StandardCharsets.UTF_8);
    Path html = plan("chain", "plan", "--graph", g.toString(), "--change", "p0");
    open(html);
    Map<String, Object> path = chart("Critical path");
    assertEquals((long) PlanHtml.MAX_BARS, path.get("bars"));
    assertEquals(120L, path.get("items"));
    assertTrue(
        ((String) path.get("more")).startsWith("and 80 more ("), "note: " + path.get("more"));
    Map<String, Object> makespan = chart("Makespan over cluster size");
    assertEquals(24.0, deadlineOnAxis(makespan), 0.1, "the default 24 h deadline");
    noConsoleErrors();
  }

  @Test
  void consoleCheck_seesAScriptError() throws IOException {
    // The console check above could pass by reading nothing; here it must see an error.
    Path bad = dir.resolve("bad.html");
    Files.writeString(bad, "<!DOCTYPE html><p>x</p><script>notDefined();</script>");
    open(bad);
    List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
    assertTrue(
        entries.stream().anyMatch(e -> e.getMessage().contains("notDefined")),
        "the browser log reports the error: " + entries);
    File f = bad.toFile();
    assertTrue(f.delete());
  }
}
