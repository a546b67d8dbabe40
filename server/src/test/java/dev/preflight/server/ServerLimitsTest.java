package dev.preflight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The concurrency limit (429), the request timeout (503), the body limit, the drain on stop. */
final class ServerLimitsTest {
  @Test
  void concurrencyLimit_answers429WhileThePermitsAreTaken() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<PreflightServer> server = new AtomicReference<>();
    try (TestServer t =
        TestServer.start(
            b -> {
              b.maxConcurrent = 1;
              b.extra =
                  r ->
                      r.get(
                          "/test/hold",
                          ctx ->
                              ctx.result(
                                  server
                                      .get()
                                      .compute(
                                          () -> {
                                            inside.countDown();
                                            release.await(10, TimeUnit.SECONDS);
                                            return "held\n";
                                          })));
            })) {
      server.set(t.server);
      CompletableFuture<HttpResponse<String>> held =
          CompletableFuture.supplyAsync(() -> t.get("/test/hold"));
      assertTrue(inside.await(10, TimeUnit.SECONDS));
      HttpResponse<String> busy = t.get("/v1/impact?change=zlib");
      ServerContractTest.errorOf(busy, "busy", 429, null);
      assertEquals("1", busy.headers().firstValue("Retry-After").orElse(""));
      assertEquals(200, t.get("/healthz").statusCode()); // probes take no permit
      release.countDown();
      assertEquals(200, held.get(10, TimeUnit.SECONDS).statusCode());
      assertEquals(200, t.get("/v1/impact?change=zlib").statusCode());
      assertTrue(
          t.get("/metrics").body().contains("preflight_http_rejected_total{reason=\"busy\"} 1.0"));
    }
  }

  @Test
  void timeout_answers503AndKeepsThePermitUntilTheWorkEnds() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<PreflightServer> server = new AtomicReference<>();
    try (TestServer t =
        TestServer.start(
            b -> {
              b.maxConcurrent = 1;
              b.timeoutMillis = 200;
              b.extra =
                  r ->
                      r.get(
                          "/test/slow",
                          ctx ->
                              ctx.result(
                                  server
                                      .get()
                                      .compute(
                                          () -> {
                                            release.await(10, TimeUnit.SECONDS);
                                            return "late\n";
                                          })));
            })) {
      server.set(t.server);
      ServerContractTest.errorOf(t.get("/test/slow"), "slow", 503, null);
      // The abandoned computation still holds the one permit.
      assertEquals(429, t.get("/v1/impact?change=zlib").statusCode());
      release.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      int status = 429;
      while (status == 429 && System.nanoTime() < deadline) {
        status = t.get("/v1/impact?change=zlib").statusCode();
      }
      assertEquals(200, status);
    }
  }

  @Test
  void bodyLimit_largeBodyIs413() {
    try (TestServer t = TestServer.start(b -> b.maxBody = 1000)) {
      HttpResponse<String> r =
          t.post("/v1/labels", "application/json", "{\"before\":\"" + "x".repeat(5000) + "\"}");
      assertEquals(413, r.statusCode(), r.body());
    }
  }

  @Test
  void stop_drainsARequestInFlight() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    TestServer t =
        TestServer.start(
            b ->
                b.extra =
                    r ->
                        r.get(
                            "/test/sleep",
                            ctx -> {
                              inside.countDown();
                              Thread.sleep(1000);
                              ctx.result("slept\n");
                            }));
    CompletableFuture<HttpResponse<String>> slow =
        CompletableFuture.supplyAsync(() -> t.get("/test/sleep"));
    assertTrue(inside.await(10, TimeUnit.SECONDS));
    long t0 = System.nanoTime();
    t.close(); // what SIGTERM's shutdown hook does
    HttpResponse<String> r = slow.get(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode());
    assertEquals("slept\n", r.body());
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
  }
}
