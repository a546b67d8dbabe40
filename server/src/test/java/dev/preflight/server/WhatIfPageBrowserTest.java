package dev.preflight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.preflight.graph.testing.RealData;
import dev.preflight.report.Fmt;
import java.io.File;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The what-if page ({@code server/src/main/resources/public}) in real headless Chromium, driven
 * through Debian's {@code chromedriver} by Selenium, against the real server started in this JVM on
 * an ephemeral port with the bundled graph ({@link TestServer}): type a prefix, pick a completion,
 * set the cluster and the deadline, click, and check that every number the page shows is the API's
 * own for the same question (fetched here with Java's HttpClient, formatted with the CLI's {@link
 * Fmt}), that the address bar carries the question and reloading it shows the same view, and that
 * the console stays free of errors.
 *
 * <p>Chromium missing ({@code scripts/install-browser.sh} installs it): fails under {@code
 * -Dpreflight.requireRealData=true}, else skips and says so on stderr ({@link RealData}). {@code
 * -Dpreflight.chromium} and {@code -Dpreflight.chromedriver} name other binaries.
 */
final class WhatIfPageBrowserTest {
  private static final Path CHROMIUM =
      Path.of(System.getProperty("preflight.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("preflight.chromedriver", "/usr/bin/chromedriver"));
  private static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * Selenium looks for a DevTools binding matching Chromium's version and warns when there is none;
   * the test needs none (WebDriver only). Held here: java.util.logging keeps loggers weakly.
   */
  private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools");

  @TempDir static Path profile;

  private static TestServer server;
  private static ChromeDriver driver;
  private static String base;

  @BeforeAll
  static void startServerAndBrowser() throws Exception {
    String test = WhatIfPageBrowserTest.class.getSimpleName();
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      RealData.missing(
          test,
          CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " not found; scripts/install-browser.sh installs Debian's chromium and"
              + " chromium-driver");
    }
    CDP_LOG.setLevel(Level.SEVERE);
    server = TestServer.start(b -> b.graphs = List.of(bundled()));
    base = "http://127.0.0.1:" + server.server.port();

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
        "--window-size=1280,1600",
        "--user-data-dir=" + profile.resolve("chromium"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // The driver binary given explicitly: Selenium Manager would otherwise try to download one.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(new File(profile.resolve("chromedriver.log").toString()))
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void drainConsole() {
    driver.manage().logs().get(LogType.BROWSER);
  }

  @Test
  void typedQuestion_showsTheApisNumbers_urlCarriesIt_andReloadRestoresTheView() {
    driver.get(base + "/");
    waitForState("idle");
    String graph = driver.findElement(By.id("graph")).getDomProperty("value");
    assertFalse(graph.isEmpty(), "the graph list came from /v1/graphs");

    WebElement change = driver.findElement(By.id("change"));
    change.sendKeys("zli");
    WebElement zlib =
        new WebDriverWait(driver, WAIT)
            .until(
                ExpectedConditions.elementToBeClickable(
                    By.cssSelector("#change-options [role=option][data-value='zlib']")));
    assertEquals("true", change.getDomAttribute("aria-expanded"));
    List<String> offered = texts("#change-options [role=option]");
    assertTrue(offered.stream().allMatch(n -> n.startsWith("zli")), "completions " + offered);
    zlib.click();
    assertEquals("zlib", change.getDomProperty("value"));
    assertEquals("false", change.getDomAttribute("aria-expanded"));

    type("builders", "50");
    type("slots", "8");
    type("deadline", "3h");
    driver.findElement(By.id("run")).click();
    waitForState("ready");

    String query = "change=zlib&graph=" + graph + "&builders=50&slots=8&deadline=3h";
    assertEquals(base + "/?" + query, driver.getCurrentUrl());
    JsonNode plan = api("/v1/plan?" + query);
    assertFalse(plan.at("/verdict/fits").asBoolean(), "3h is below zlib's critical path");
    assertEquals("50x8", plan.at("/cost/cluster").asText());
    assertShows(plan);
    int buildFirst = plan.at("/risk/buildFirst").size();
    assertTrue(buildFirst > 20, "zlib's build-first list is longer than the page's first 20");
    driver.findElement(By.id("build-first-more")).click();
    assertEquals(strings(plan.at("/risk/buildFirst"), buildFirst), texts("#build-first li"));

    driver.navigate().refresh();
    waitForState("ready");
    assertEquals(base + "/?" + query, driver.getCurrentUrl());
    assertEquals("zlib", driver.findElement(By.id("change")).getDomProperty("value"));
    assertEquals("50", driver.findElement(By.id("builders")).getDomProperty("value"));
    assertEquals("8", driver.findElement(By.id("slots")).getDomProperty("value"));
    assertEquals("3h", driver.findElement(By.id("deadline")).getDomProperty("value"));
    assertShows(plan);
    assertNoConsoleErrors();
  }

  @Test
  void sharedLink_withPolicyAndAParameterTheFormLacks_runsOnLoad_keepsIt_andEqualsTheApi() {
    driver.get(base + "/?change=zlib&policy=direct&builders=4&slots=2&top=5");
    waitForState("ready");
    assertEquals("direct", driver.findElement(By.id("policy")).getDomProperty("value"));
    // The page adds the graph it asked about and keeps `top`, which has no field.
    String shown = URI.create(driver.getCurrentUrl()).getRawQuery();
    assertTrue(shown.startsWith("change=zlib&graph=") && shown.endsWith("&top=5"), shown);
    JsonNode plan = api("/v1/plan?" + shown);
    assertEquals("direct", plan.at("/policy").asText());
    assertEquals(5, plan.at("/risk/top").size());
    assertShows(plan);
    assertTrue(text("extra").contains("top=5"), text("extra"));

    type("slots", "3");
    driver.findElement(By.id("run")).click();
    waitForState("ready");
    String again = URI.create(driver.getCurrentUrl()).getRawQuery();
    assertEquals(shown.replace("slots=2", "slots=3"), again);
    assertShows(api("/v1/plan?" + again));
    assertNoConsoleErrors();
  }

  @Test
  void unknownPackage_showsTheApisErrorAndClosestNames_andASuggestionAsksAgain() {
    HttpResponse<String> raw = get("/v1/plan?change=zlb");
    assertEquals(404, raw.statusCode());

    driver.get(base + "/?change=zlb");
    waitForState("error");
    String error = driver.findElement(By.id("error")).getText();
    assertTrue(error.contains("404") && error.contains("zlb"), error);
    List<String> suggestions = texts("#error button.suggestion");
    assertTrue(suggestions.contains("zlib"), "suggestions " + suggestions);
    assertTrue(raw.body().contains("\"zlib\""), raw.body());
    assertFalse(driver.findElement(By.id("error")).getDomAttribute("role").isEmpty());

    driver.findElement(By.xpath("//div[@id='error']//button[normalize-space()='zlib']")).click();
    waitForState("ready");
    assertTrue(driver.findElement(By.id("error")).getDomProperty("hidden").equals("true"));
    assertEquals("zlib", driver.findElement(By.id("change")).getDomProperty("value"));
    String query = URI.create(driver.getCurrentUrl()).getRawQuery();
    assertTrue(query.startsWith("change=zlib&"), query);
    assertShows(api("/v1/plan?" + query));
  }

  @Test
  void serverWithToken_pageAsksForIt_keepsItOutOfTheUrl_andThenAnswers() {
    String token = "s3cret-page-token";
    try (TestServer guarded =
        TestServer.start(
            b -> {
              b.graphs = List.of(bundled());
              b.token = token;
            })) {
      String at = "http://127.0.0.1:" + guarded.server.port();
      driver.get(at + "/?change=zlib&builders=4");
      waitForState("error");
      assertTrue(text("error").contains("401"), text("error"));
      WebElement field = driver.findElement(By.id("token"));
      assertTrue(field.isDisplayed(), "the token form shows after a 401");
      field.sendKeys(token);
      driver.findElement(By.id("token-use")).click();
      waitForState("ready");
      String query = URI.create(driver.getCurrentUrl()).getRawQuery();
      assertFalse(driver.getCurrentUrl().contains(token), driver.getCurrentUrl());
      assertFalse(driver.findElement(By.id("auth")).isDisplayed());
      HttpResponse<String> response = guarded.get("/v1/plan?" + query);
      assertEquals(200, response.statusCode(), response.body());
      assertShows(TestServer.json(response));
    } finally {
      driver.executeScript("sessionStorage.clear()");
    }
  }

  // ---- What the page shows against the API's document.

  private static void assertShows(JsonNode plan) {
    JsonNode impact = plan.get("impact");
    JsonNode cost = plan.get("cost");
    JsonNode risk = plan.get("risk");
    assertEquals(plan.at("/verdict/text").asText(), text("verdict"));
    assertEquals(Fmt.count(impact.get("rebuildCount").asLong()), text("rebuild-count"));
    assertEquals(Fmt.duration(cost.get("makespanSeconds").asDouble()), text("makespan"));
    assertEquals(Fmt.money(cost.get("cost").asDouble()), text("cost"));
    assertEquals(Fmt.format("%,.1f", cost.get("cpuHours").asDouble()), text("cpu-hours"));
    assertEquals(cost.get("cluster").asText(), text("cluster"));

    List<String> systems = new ArrayList<>();
    List<String> counts = new ArrayList<>();
    impact
        .get("bySystem")
        .properties()
        .forEach(
            e -> {
              systems.add(e.getKey());
              counts.add(Fmt.count(e.getValue().asLong()));
            });
    assertEquals(systems, texts("#by-system tbody th"));
    assertEquals(counts, texts("#by-system tbody td:nth-of-type(1)"));

    assertEquals(strings(impact.get("labels"), 1000), texts("#labels li"));
    assertEquals(strings(risk.get("buildFirst"), 20), texts("#build-first li"));
    List<String> steps = new ArrayList<>();
    cost.get("criticalPathSteps").forEach(s -> steps.add(s.get("name").asText()));
    assertEquals(steps, texts("#critical-path li .name"));
    List<String> risky = new ArrayList<>();
    risk.get("top").forEach(t -> risky.add(t.get("name").asText()));
    assertEquals(risky, texts("#risky tbody td:nth-of-type(2)"));

    List<String> machines = new ArrayList<>();
    List<String> makespans = new ArrayList<>();
    cost.get("curve")
        .forEach(
            c -> {
              machines.add(Fmt.count(c.get("machines").asLong()));
              makespans.add(Fmt.duration(c.get("makespanSeconds").asDouble()));
            });
    assertEquals(machines, textContents("#curve tbody td:nth-of-type(2)"));
    assertEquals(makespans, textContents("#curve tbody td:nth-of-type(4)"));
    assertEquals(
        machines.size(), driver.findElements(By.cssSelector("#chart-makespan circle")).size());
    assertEquals(machines.size(), driver.findElements(By.cssSelector("#chart-cost circle")).size());
    assertEquals(1, driver.findElements(By.cssSelector("#chart-makespan line.deadline")).size());
  }

  private static void assertNoConsoleErrors() {
    List<LogEntry> bad =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
            .collect(Collectors.toList());
    assertTrue(bad.isEmpty(), "console: " + bad);
  }

  // ---- Helpers.

  /** The bundled graph under the name {@code preflight serve} gives it without --graph. */
  private static ServedGraph bundled() {
    return new ServedGraph(
        "default", TestServer.REPO.resolve("fixtures/debian-bookworm-amd64.arrow"), null);
  }

  private static void waitForState(String state) {
    new WebDriverWait(driver, WAIT)
        .withMessage(
            () ->
                "page state "
                    + state
                    + "; it is "
                    + driver.findElement(By.tagName("body")).getDomAttribute("data-state")
                    + ", error: "
                    + driver.findElement(By.id("error")).getText())
        .until(
            d ->
                state.equals(d.findElement(By.tagName("body")).getDomAttribute("data-state"))
                    // A reload starts from the loaded state again: wait for this page's run.
                    && Boolean.TRUE.equals(
                        ((JavascriptExecutor) d)
                            .executeScript("return document.readyState === 'complete'")));
  }

  private static void type(String id, String value) {
    WebElement field = driver.findElement(By.id(id));
    field.clear();
    field.sendKeys(value);
  }

  private static String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  private static List<String> texts(String css) {
    return driver.findElements(By.cssSelector(css)).stream()
        .map(WebElement::getText)
        .collect(Collectors.toList());
  }

  /** Text of elements that may be hidden (a closed details element): textContent, not getText. */
  private static List<String> textContents(String css) {
    return driver.findElements(By.cssSelector(css)).stream()
        .map(e -> e.getDomProperty("textContent"))
        .collect(Collectors.toList());
  }

  private static List<String> strings(JsonNode array, int limit) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      if (out.size() == limit) {
        break;
      }
      out.add(n.asText());
    }
    return out;
  }

  private static HttpResponse<String> get(String path) {
    return server.get(path);
  }

  /** The API's answer, fetched apart from the browser with Java's HttpClient. */
  private static JsonNode api(String path) {
    HttpResponse<String> response = get(path);
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return TestServer.json(response);
  }
}
