package dev.preflight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint's status, content type and JSON shape, and every error shape, on the sample. */
final class ServerContractTest {
  private static TestServer t;

  @BeforeAll
  static void start() {
    t = TestServer.sample();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static JsonNode ok(String path) {
    HttpResponse<String> r = t.get(path);
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    assertEquals(
        "application/json;charset=utf-8",
        r.headers().firstValue("Content-Type").orElse("").replace(" ", ""),
        path);
    assertTrue(r.body().endsWith("}\n"), path);
    JsonNode j = TestServer.json(r);
    assertEquals(1, j.get("schemaVersion").asInt(), path);
    return j;
  }

  private static JsonNode error(String path, int status, String parameter) {
    HttpResponse<String> r = t.get(path);
    return errorOf(r, path, status, parameter);
  }

  static JsonNode errorOf(HttpResponse<String> r, String what, int status, String parameter) {
    assertEquals(status, r.statusCode(), what + ": " + r.body());
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), what);
    JsonNode j = TestServer.json(r);
    assertEquals(status, j.get("status").asInt(), what);
    assertFalse(j.get("message").asText().isBlank(), what);
    assertFalse(j.get("error").asText().isBlank(), what);
    if (parameter != null) {
      assertEquals(parameter, j.path("parameter").asText(null), what + ": " + r.body());
    }
    return j;
  }

  @Test
  void healthAndReadiness_plainText() {
    HttpResponse<String> h = t.get("/healthz");
    assertEquals(200, h.statusCode());
    assertEquals("ok\n", h.body());
    HttpResponse<String> r = t.get("/readyz");
    assertEquals(200, r.statusCode());
    assertEquals("ready\n", r.body());
  }

  @Test
  void questions_returnTheirDocuments() {
    JsonNode impact = ok("/v1/impact?change=zlib");
    assertTrue(impact.get("rebuildCount").asInt() > 1, impact.toString());
    JsonNode cost = ok("/v1/cost?change=zlib&builders=4&slots=2");
    assertTrue(cost.toString().contains("makespan"), cost.toString());
    ok("/v1/risk?change=openssl");
    JsonNode plan = ok("/v1/plan?change=zlib&deadline=3h");
    assertTrue(plan.has("impact"), plan.toString());
  }

  @Test
  void labels_getAnswersTheLabelList() {
    JsonNode j = ok("/v1/labels?change=zlib");
    assertTrue(j.get("labels").isArray() && j.get("labels").size() > 0, j.toString());
    assertEquals(ok("/v1/impact?change=zlib").get("rebuildCount"), j.get("rebuildCount"));
  }

  @Test
  void graphs_listsNameSizeAndDefaultPolicy() {
    JsonNode g = ok("/v1/graphs").get("graphs").get(0);
    assertEquals("sample", g.get("name").asText());
    assertEquals(33, g.get("nodes").asInt());
    assertEquals("transitive", g.get("defaultPolicy").asText());
    assertTrue(g.get("default").asBoolean());
    assertTrue(g.has("loadedAt") && g.has("edges") && g.has("systems"), g.toString());
  }

  @Test
  void packages_prefixSortedAndLimited() {
    JsonNode j = ok("/v1/packages?prefix=gl&limit=5");
    List<String> names = new ArrayList<>();
    j.get("names").forEach(n -> names.add(n.asText()));
    assertFalse(names.isEmpty());
    assertTrue(names.size() <= 5);
    assertEquals(new ArrayList<>(new TreeSet<>(names)), names);
    names.forEach(n -> assertTrue(n.startsWith("gl"), n));
    assertEquals(0, ok("/v1/packages?prefix=zzzz").get("names").size());
  }

  @Test
  void profile_pagesAndSorts() {
    JsonNode all = ok("/v1/profile?limit=1000");
    int total = all.get("total").asInt();
    assertEquals(33, total);
    JsonNode page = ok("/v1/profile?offset=2&limit=3");
    assertEquals(3, page.get("rows").size());
    assertEquals(all.get("rows").get(2), page.get("rows").get(0));
    int prev = Integer.MAX_VALUE;
    for (JsonNode r : all.get("rows")) {
      assertTrue(r.get("rebuildCount").asInt() <= prev);
      prev = r.get("rebuildCount").asInt();
    }
    JsonNode byName = ok("/v1/profile?sort=name&limit=1000");
    List<String> names = new ArrayList<>();
    byName.get("rows").forEach(r -> names.add(r.get("name").asText()));
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(null);
    assertEquals(sorted, names);
    JsonNode asc = ok("/v1/profile?order=asc&limit=1");
    assertEquals(
        all.get("rows").get(total - 1).get("rebuildCount"),
        asc.get("rows").get(0).get("rebuildCount"));
    error("/v1/profile?sort=size", 400, "sort");
    error("/v1/profile?limit=5000", 400, "limit");
  }

  @Test
  void openapi_describesEveryRoute() {
    HttpResponse<String> r = t.get("/v1/openapi.json");
    assertEquals(200, r.statusCode());
    JsonNode doc = TestServer.json(r);
    assertEquals("3.0.3", doc.get("openapi").asText());
    Set<String> described = new TreeSet<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            e ->
                e.getValue()
                    .fieldNames()
                    .forEachRemaining(m -> described.add(m.toUpperCase() + " " + e.getKey())));
    Set<String> routes = new TreeSet<>(t.server.routes());
    assertFalse(routes.isEmpty());
    for (String route : routes) {
      assertTrue(described.contains(route), route + " is not in openapi.json: " + described);
    }
    for (String d : described) {
      assertTrue(routes.contains(d), d + " is described but not served: " + routes);
    }
  }

  @Test
  void openapi_listsExactlyTheParametersEachQuestionTakes() {
    JsonNode doc = TestServer.json(t.get("/v1/openapi.json"));
    JsonNode components = doc.get("components").get("parameters");
    Map<String, Set<String>> taken =
        Map.of(
            "/v1/impact", Questions.IMPACT,
            "/v1/cost", Questions.COST,
            "/v1/risk", Questions.RISK,
            "/v1/plan", Questions.PLAN,
            "/v1/labels", Questions.LABELS);
    taken.forEach(
        (path, names) -> {
          Set<String> described = new TreeSet<>();
          for (JsonNode p : doc.get("paths").get(path).get("get").get("parameters")) {
            String ref = p.get("$ref").asText();
            described.add(
                components.get(ref.substring(ref.lastIndexOf('/') + 1)).get("name").asText());
          }
          assertEquals(new TreeSet<>(names), described, path);
        });
  }

  @Test
  void errors_malformedIs400NamingTheParameter() {
    error("/v1/cost?change=zlib&builders=abc", 400, "builders");
    error("/v1/cost?change=zlib&builders=0", 400, "builders");
    error("/v1/impact?change=zlib&colour=red", 400, "colour");
    error("/v1/impact?change=zlib&cutoff-trials=0&policy=cutoff", 400, "cutoff-trials");
    error("/v1/impact?change=zlib&samples=0&policy=cutoff", 400, "cutoff-trials"); // old name
    error("/v1/impact?change=zlib&samples=5&cutoff-trials=5", 400, "samples");
    error("/v1/risk?change=zlib&samples=5&sample-builds=5", 400, "samples");
    error("/v1/risk?change=zlib&sample-builds=-1", 400, "sample-builds");
    error("/v1/plan?change=zlib&deadline=soon", 400, "deadline");
    error("/v1/impact?change=zlib&policy=sometimes", 400, "policy");
    error("/v1/impact?change=zlib&seed=1&seed=2", 400, "seed");
    error("/v1/impact", 400, "change");
    error("/v1/risk?change=zlib&policy=cutoff", 400, "policy");
  }

  @Test
  void errors_unknownPackageIs404WithTheClosestNames() {
    JsonNode j = error("/v1/impact?change=zlb", 404, "change");
    assertTrue(j.get("closest").toString().contains("zlib"), j.toString());
    JsonNode pin = error("/v1/impact?change=zlib&pin=glibcc", 404, "pin");
    assertTrue(pin.get("closest").size() > 0, pin.toString());
    JsonNode g = error("/v1/impact?change=zlib&graph=nope", 404, "graph");
    assertEquals("[\"sample\"]", g.get("closest").toString());
  }

  @Test
  void errors_unknownEndpointIs404Json() {
    error("/v1/nothing", 404, null);
  }

  @Test
  void postLabels_jsonBodyOfTwoEvalJobsOutputs() throws Exception {
    String before =
        java.nio.file.Files.readString(TestServer.REPO.resolve("fixtures/nix/release-jobs.jsonl"));
    String after = Fixtures.changedEvalJobs(before);
    String body =
        TestServer.JSON.writeValueAsString(java.util.Map.of("before", before, "after", after));
    HttpResponse<String> r = t.post("/v1/labels", "application/json", body);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode j = TestServer.json(r);
    assertTrue(j.get("rebuildCount").asInt() > 0, r.body());
    assertTrue(j.get("labels").size() > 0, r.body());
    errorOf(t.post("/v1/labels", "application/json", "{\"before\": 1}"), "bad body", 400, "before");
    errorOf(t.post("/v1/labels", "application/json", "not json"), "not json", 400, "body");
  }

  @Test
  void postLabels_multipartGivesTheSameAnswer() throws Exception {
    String before =
        java.nio.file.Files.readString(TestServer.REPO.resolve("fixtures/nix/release-jobs.jsonl"));
    String after = Fixtures.changedEvalJobs(before);
    String boundary = "preflight-boundary";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"before\"; filename=\"b.jsonl\"\r\n\r\n"
            + before
            + "\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"after\"; filename=\"a.jsonl\"\r\n\r\n"
            + after
            + "\r\n--"
            + boundary
            + "--\r\n";
    HttpResponse<String> multi =
        t.post("/v1/labels", "multipart/form-data; boundary=" + boundary, body);
    assertEquals(200, multi.statusCode(), multi.body());
    String json =
        TestServer.JSON.writeValueAsString(java.util.Map.of("before", before, "after", after));
    assertEquals(t.post("/v1/labels", "application/json", json).body(), multi.body());
  }

  @Test
  void metrics_prometheusTextWithLatencyPerEndpointAndGraphSize() {
    t.get("/v1/impact?change=zlib");
    HttpResponse<String> r = t.get("/metrics");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    String m = r.body();
    assertTrue(
        m.contains("preflight_http_request_duration_seconds_bucket{endpoint=\"/v1/impact\""), m);
    assertTrue(m.contains("preflight_graph_nodes{graph=\"sample\"} 33"), m);
    assertTrue(
        m.contains("process_resident_memory_bytes") || m.contains("jvm_memory_used_bytes"), m);
  }

  @Test
  void accessLog_oneLinePerRequest() throws Exception {
    t.get("/healthz?probe=1");
    // The line is written once the response is complete, maybe after the client has it.
    long deadline = System.nanoTime() + 5_000_000_000L;
    String log = "";
    while (System.nanoTime() < deadline) {
      log = t.log.toString(java.nio.charset.StandardCharsets.UTF_8);
      if (log.lines().anyMatch(l -> l.contains(" GET /healthz?probe=1 200 "))) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no access log line: " + log);
  }

  @Test
  void staticPage_servedAtRoot() {
    HttpResponse<String> r = t.get("/");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("/v1/openapi.json"), r.body());
  }

  @Test
  void noCorsHeadersUnlessConfigured() {
    HttpResponse<String> r =
        t.send(
            java.net.http.HttpRequest.newBuilder(t.uri("/v1/graphs"))
                .header("Origin", "https://example.org")
                .GET());
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
  }

  @Test
  void cache_repeatedQuestionIsAHitWithTheSameBytes_noCacheBypasses() {
    HttpResponse<String> first = t.get("/v1/cost?change=openssl&builders=3");
    HttpResponse<String> second = t.get("/v1/cost?change=openssl&builders=3");
    assertEquals("miss", first.headers().firstValue("X-Preflight-Cache").orElse(""));
    assertEquals("hit", second.headers().firstValue("X-Preflight-Cache").orElse(""));
    assertEquals(first.body(), second.body());
    HttpResponse<String> fresh =
        t.send(
            java.net.http.HttpRequest.newBuilder(t.uri("/v1/cost?change=openssl&builders=3"))
                .header("Cache-Control", "no-cache")
                .GET());
    assertEquals("bypass", fresh.headers().firstValue("X-Preflight-Cache").orElse(""));
    assertEquals(first.body(), fresh.body());
  }
}
